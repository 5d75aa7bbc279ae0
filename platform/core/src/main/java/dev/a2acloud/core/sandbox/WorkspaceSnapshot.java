package dev.a2acloud.core.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Size and modification time of every file under the workspace, to report what a run changed. */
final class WorkspaceSnapshot {
    private record FileState(long size, long modifiedNanos, Object key) {
    }

    private final Map<String, FileState> files;

    private WorkspaceSnapshot(Map<String, FileState> files) {
        this.files = files;
    }

    static WorkspaceSnapshot of(Path root) {
        Map<String, FileState> files = new HashMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isDirectory()) {
                        long nanos = attrs.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
                                + attrs.lastModifiedTime().toInstant().getNano();
                        files.put(relative(root, file), new FileState(attrs.size(), nanos, attrs.fileKey()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Unreadable entries (a mode 000 file the sandbox made) still count as present.
                    files.put(relative(root, file), new FileState(-1, -1, null));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw SandboxException.unavailable("cannot list the workspace " + root + ": " + e.getMessage(), e);
        }
        return new WorkspaceSnapshot(files);
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** Files that are new or whose size, time or identity changed since {@code before}, sorted. */
    List<String> changedSince(WorkspaceSnapshot before) {
        List<String> changed = new ArrayList<>();
        files.forEach((path, state) -> {
            if (!state.equals(before.files.get(path))) {
                changed.add(path);
            }
        });
        changed.sort(null);
        return changed;
    }

    List<String> deletedSince(WorkspaceSnapshot before) {
        List<String> deleted = new ArrayList<>();
        for (String path : before.files.keySet()) {
            if (!files.containsKey(path)) {
                deleted.add(path);
            }
        }
        deleted.sort(null);
        return deleted;
    }
}
