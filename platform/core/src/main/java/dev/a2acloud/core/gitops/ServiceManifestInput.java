package dev.a2acloud.core.gitops;

/**
 * Everything {@link KnativeServiceManifest} needs for one version of one agent. {@code runtimeImage} is the agent
 * runtime image pinned by digest ({@code repo@sha256:<hex>}); {@code publicUrl} may be null (Knative assigns the
 * route; local serving hands the agent its URL itself); {@code maxScale} caps instances (0 = the default, 10).
 */
public record ServiceManifestInput(String agent, String owner, String buildId, String version,
                                   AgentRuntimeSpec runtime, String artifactUri, String artifactDigest,
                                   String runtimeImage, String publicUrl, int maxScale) {
}
