package dev.a2acloud.core.workspace;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The production store: one S3 bucket per user through aws-sdk-s3. With an endpoint override and path-style access
 * it talks to MinIO or any S3-compatible server. Buckets are created on first write.
 */
public final class S3WorkspaceStore implements WorkspaceStore {
    private final S3Client s3;
    private final Set<String> knownBuckets = ConcurrentHashMap.newKeySet();

    public S3WorkspaceStore(S3Client s3) {
        this.s3 = s3;
    }

    /** A client for an S3-compatible endpoint (MinIO: path-style, any region name). */
    public static S3WorkspaceStore connect(URI endpoint, String region, String accessKey, String secretKey,
                                           boolean pathStyle) {
        S3Client client = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .forcePathStyle(pathStyle)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new S3WorkspaceStore(client);
    }

    @Override
    public Optional<byte[]> read(String bucket, String key) {
        String normal = WorkspacePath.file(key);
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(BucketName.check(bucket)).key(normal)).asByteArray());
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw unavailable("read", key, e);
        } catch (SdkException e) {
            throw unavailable("read", key, e);
        }
    }

    @Override
    public void write(String bucket, String key, byte[] data) {
        String normal = WorkspacePath.file(key);
        ensureBucket(BucketName.check(bucket));
        try {
            s3.putObject(b -> b.bucket(bucket).key(normal).contentLength((long) data.length),
                    RequestBody.fromBytes(data));
        } catch (SdkException e) {
            throw unavailable("write", key, e);
        }
    }

    @Override
    public boolean delete(String bucket, String key) {
        String normal = WorkspacePath.file(key);
        // S3 deletes are idempotent and do not say whether something existed; ask first.
        try {
            s3.headObject(b -> b.bucket(BucketName.check(bucket)).key(normal));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw unavailable("delete", key, e);
        } catch (SdkException e) {
            throw unavailable("delete", key, e);
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(normal));
            return true;
        } catch (SdkException e) {
            throw unavailable("delete", key, e);
        }
    }

    @Override
    public List<StoredObject> list(String bucket, String prefix) {
        String normal = WorkspacePath.prefix(prefix);
        List<StoredObject> out = new ArrayList<>();
        try {
            String token = null;
            do {
                ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                        .bucket(BucketName.check(bucket)).prefix(normal);
                if (token != null) {
                    request.continuationToken(token);
                }
                ListObjectsV2Response page = s3.listObjectsV2(request.build());
                for (S3Object object : page.contents()) {
                    out.add(new StoredObject(object.key(), object.size()));
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (NoSuchBucketException e) {
            return List.of();
        } catch (SdkException e) {
            throw unavailable("list", prefix, e);
        }
        out.sort(Comparator.comparing(StoredObject::path));
        return out;
    }

    private void ensureBucket(String bucket) {
        if (knownBuckets.contains(bucket)) {
            return;
        }
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException ignored) {
                // Another writer created it first.
            } catch (SdkException createFailed) {
                throw unavailable("create bucket for", bucket, createFailed);
            }
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw unavailable("check bucket for", bucket, e);
            }
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException ignored) {
                // Another writer created it first.
            } catch (SdkException createFailed) {
                throw unavailable("create bucket for", bucket, createFailed);
            }
        } catch (SdkException e) {
            throw unavailable("check bucket for", bucket, e);
        }
        knownBuckets.add(bucket);
    }

    private static WorkspaceException unavailable(String action, String key, SdkException e) {
        return new WorkspaceException(WorkspaceException.Kind.UNAVAILABLE, "store_unavailable",
                "S3 could not " + action + " '" + WorkspaceException.printable(key) + "': " + e.getMessage()
                        + "; check the S3 endpoint and credentials, then retry", e);
    }
}
