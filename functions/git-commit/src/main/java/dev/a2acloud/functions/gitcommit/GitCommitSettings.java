package dev.a2acloud.functions.gitcommit;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What git-commit puts into {@code deploy/service.yaml} besides the build: the agent runtime image pinned by digest
 * ({@code A2A_RUNTIME_IMAGE}, required), an optional public URL template with {@code {agent}} and {@code {owner}}
 * ({@code A2A_PUBLIC_URL_TEMPLATE}) and the instance cap ({@code A2A_MAX_SCALE}, default 10).
 */
public record GitCommitSettings(String runtimeImage, String publicUrlTemplate, int maxScale) {
    private static final Pattern PINNED = Pattern.compile("[^\\s@]+@sha256:[0-9a-f]{64}");

    public GitCommitSettings {
        if (runtimeImage == null || !PINNED.matcher(runtimeImage).matches()) {
            throw new IllegalStateException("A2A_RUNTIME_IMAGE must be the agent runtime image pinned by digest,"
                    + " <repository>@sha256:<64 hex>; was '" + runtimeImage + "'");
        }
        if (publicUrlTemplate != null && publicUrlTemplate.isBlank()) {
            publicUrlTemplate = null;
        }
        if (maxScale < 1) {
            throw new IllegalStateException("A2A_MAX_SCALE must be 1 or more; was " + maxScale);
        }
    }

    public static GitCommitSettings fromEnvironment(Map<String, String> env) {
        String maxScale = env.getOrDefault("A2A_MAX_SCALE", "10");
        try {
            return new GitCommitSettings(env.get("A2A_RUNTIME_IMAGE"), env.get("A2A_PUBLIC_URL_TEMPLATE"),
                    Integer.parseInt(maxScale.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("A2A_MAX_SCALE must be a whole number; was '" + maxScale + "'");
        }
    }

    String publicUrl(String owner, String agent) {
        return publicUrlTemplate == null ? null
                : publicUrlTemplate.replace("{agent}", agent).replace("{owner}", owner);
    }
}
