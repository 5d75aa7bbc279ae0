package dev.a2acloud.core.workspace;

/** What a write stored: the normalised path, its size and {@code sha256:<hex>} digest. */
public record WriteResult(String path, long size, String sha256) {
}
