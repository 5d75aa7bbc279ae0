package dev.a2acloud.core.workspace;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The embedded store: a directory per bucket under a root (e.g. {@code A2A_HOME/workspaces}). Keys are re-normalised
 * and symbolic links on the way are refused, so even a link planted by another process cannot lead outside.
 */
public final class DirectoryWorkspaceStore implements WorkspaceStore {
    private static final String TEMP_SUFFIX = ".a2a-tmp";
    private final Path root;

    public DirectoryWorkspaceStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new WorkspaceException(WorkspaceException.Kind.UNAVAILABLE, "store_unavailable",
                    "cannot create the workspace directory " + this.root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> read(String bucket, String key) {
        Path file = resolve(bucket, WorkspacePath.file(key));
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unavailable("read", key, e);
        }
    }

    @Override
    public void write(String bucket, String key, byte[] data) {
        Path file = resolve(bucket, WorkspacePath.file(key));
        try {
            Files.createDirectories(file.getParent());
            checkNoLinks(bucketDir(bucket), file);
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new WorkspaceException(WorkspaceException.Kind.CONFLICT, "is_a_folder",
                        "'" + key + "' is a folder; write the files inside it instead");
            }
            Path tmp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
            Files.write(tmp, data);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new WorkspaceException(WorkspaceException.Kind.CONFLICT, "is_a_file",
                    "a parent of '" + key + "' is a file; choose another path");
        } catch (IOException e) {
            throw unavailable("write", key, e);
        }
    }

    @Override
    public boolean delete(String bucket, String key) {
        Path file = resolve(bucket, WorkspacePath.file(key));
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Files.delete(file);
            pruneEmptyParents(bucketDir(bucket), file.getParent());
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw unavailable("delete", key, e);
        }
    }

    @Override
    public List<StoredObject> list(String bucket, String prefix) {
        String normal = WorkspacePath.prefix(prefix);
        Path bucketDir = bucketDir(bucket);
        if (!Files.isDirectory(bucketDir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        // Start the walk at the deepest folder the prefix names, so listing one agent does not walk the bucket.
        int lastSlash = normal.lastIndexOf('/');
        Path start = lastSlash < 0 ? bucketDir : resolve(bucket, normal.substring(0, lastSlash));
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<StoredObject> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(start)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().endsWith(TEMP_SUFFIX))
                    .forEach(p -> {
                        String key = bucketDir.relativize(p).toString().replace('\\', '/');
                        if (key.startsWith(normal)) {
                            try {
                                out.add(new StoredObject(key, Files.size(p)));
                            } catch (IOException e) {
                                // Deleted while listing: leave it out.
                            }
                        }
                    });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new WorkspaceException(WorkspaceException.Kind.UNAVAILABLE, "store_unavailable",
                    "cannot list '" + prefix + "': " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(StoredObject::path));
        return out;
    }

    private Path bucketDir(String bucket) {
        return root.resolve(BucketName.check(bucket));
    }

    private Path resolve(String bucket, String key) {
        Path bucketDir = bucketDir(bucket);
        Path file = bucketDir.resolve(key).normalize();
        if (!file.startsWith(bucketDir)) {
            throw WorkspaceException.badPath("path_traversal", key, "leaves the bucket");
        }
        checkNoLinks(bucketDir, file);
        return file;
    }

    private static void checkNoLinks(Path bucketDir, Path file) {
        for (Path p = file; p != null && p.startsWith(bucketDir) && !p.equals(bucketDir); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw WorkspaceException.badPath("symlink", bucketDir.relativize(file).toString(),
                        "a symbolic link is on the way; links are not followed");
            }
        }
    }

    private static void pruneEmptyParents(Path bucketDir, Path dir) {
        for (Path p = dir; p != null && p.startsWith(bucketDir) && !p.equals(bucketDir); p = p.getParent()) {
            try {
                Files.delete(p);
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (IOException e) {
                return;
            }
        }
    }

    private static WorkspaceException unavailable(String action, String key, IOException e) {
        return new WorkspaceException(WorkspaceException.Kind.UNAVAILABLE, "store_unavailable",
                "cannot " + action + " '" + key + "': " + e.getMessage() + "; check the disk and retry", e);
    }
}
