package dev.a2acloud.events;

import java.util.List;

/** The deployed version answers at {@code url} with the validated skills; proven by one JSON-RPC call. */
public record BuildLive(String buildId, String agent, String owner, String version, int attempt,
                        String url, String revision, List<String> skills, long probeWaitMillis)
        implements BuildEvent {
}
