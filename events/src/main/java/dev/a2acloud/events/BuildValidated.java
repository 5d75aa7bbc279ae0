package dev.a2acloud.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The project passed every stage. {@code sourceDigest} ({@code sha256:<hex>}) is the digest of the reproducible
 * source tarball of what was validated; package refuses to ship anything else. The compiled jar was left in the
 * workspace at {@code <sourcePrefix>.a2a/build/agent.jar}.
 */
public record BuildValidated(String buildId, String agent, String owner, String version, int attempt,
                             Origin origin, String sourcePrefix, String sourceDigest, JsonNode card,
                             List<StageTiming> stages) implements BuildEvent {
}
