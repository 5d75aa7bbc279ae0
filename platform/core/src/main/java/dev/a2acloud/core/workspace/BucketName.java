package dev.a2acloud.core.workspace;

import java.util.regex.Pattern;

/** Bucket names follow S3's rules (lower-case letters, digits, '-', 3–63 chars) so both stores accept the same. */
final class BucketName {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    private BucketName() {
    }

    static String check(String bucket) {
        if (bucket == null || !VALID.matcher(bucket).matches()) {
            throw new WorkspaceException(WorkspaceException.Kind.BAD_PATH, "invalid_bucket",
                    "bucket '" + WorkspaceException.printable(bucket)
                            + "' is not valid: use 3-63 lower-case letters, digits and '-'");
        }
        return bucket;
    }
}
