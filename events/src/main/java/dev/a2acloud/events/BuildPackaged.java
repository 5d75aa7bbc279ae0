package dev.a2acloud.events;

import com.fasterxml.jackson.databind.JsonNode;

/** Source tarball and agent jar are stored as immutable, content-addressed artifacts. */
public record BuildPackaged(String buildId, String agent, String owner, String version, int attempt,
                            String sourcePrefix, String sourceDigest, String sourceUri, String jarDigest,
                            String jarUri, JsonNode card) implements BuildEvent {
}
