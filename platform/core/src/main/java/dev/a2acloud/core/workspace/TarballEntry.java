package dev.a2acloud.core.workspace;

import java.util.Objects;

/** One regular file of a tarball: its normalised relative path and contents. */
public record TarballEntry(String path, byte[] data) {
    public TarballEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(data, "data");
    }
}
