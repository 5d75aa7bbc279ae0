package dev.a2acloud.core.workspace;

/**
 * Bounds on an incoming tarball, checked while reading so a hostile archive costs at most these amounts.
 *
 * @param maxCompressedBytes   size of the .tar.gz as sent
 * @param maxUncompressedBytes sum of the file contents
 * @param maxEntries           files and folders together
 * @param maxDepth             folders deep
 */
public record TarballLimits(long maxCompressedBytes, long maxUncompressedBytes, int maxEntries, int maxDepth) {
    public static final TarballLimits DEFAULT = new TarballLimits(32L << 20, 128L << 20, 10_000, 32);

    public TarballLimits {
        if (maxCompressedBytes <= 0 || maxUncompressedBytes <= 0 || maxEntries <= 0 || maxDepth <= 0) {
            throw new IllegalArgumentException("tarball limits must be positive");
        }
    }
}
