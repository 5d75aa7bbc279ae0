package dev.a2acloud.core.artifacts;

/** An artifact by digest; {@code created} is false when the same bytes were already stored. */
public record StoredArtifact(String digest, long size, boolean created) {
}
