package dev.a2acloud.events;

import com.fasterxml.jackson.databind.JsonNode;

/** GitOps applied the commit; {@code revision} (e.g. {@code echo-00002}) is Ready and serves {@code url}. */
public record BuildSynced(String buildId, String agent, String owner, String version, int attempt,
                          String commit, String revision, String url, JsonNode card) implements BuildEvent {
}
