package dev.a2acloud.controlplane.agents;

import dev.a2acloud.controlplane.api.ApiException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Agent names become Knative Service names and URL paths, so they are DNS-1035 labels short enough that the
 * revision name {@code <name>-00001} stays within 63 characters; platform component names are reserved. Pure.
 */
public final class AgentNames {
    /** 63 (a DNS label) minus "-00001", the suffix of Knative revision names. */
    public static final int MAX_LENGTH = 57;
    public static final String RULE = "an agent name is 1-" + MAX_LENGTH + " characters of lower-case letters, digits"
            + " and '-', starting with a letter and not ending with '-' (a DNS-1035 label short enough for the"
            + " revision name <name>-00001)";
    private static final Pattern LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    static final Set<String> RESERVED = Set.of(
            "agent-builder", "control-plane", "broker", "broker-ingress", "broker-filter", "generate",
            "sandbox-validate", "package", "git-commit", "argo-sync", "card-probe", "sandbox-runner", "litellm",
            "gitea", "argocd", "argo-cd", "minio", "postgres", "postgresql", "activator", "kourier", "knative",
            "default", "api", "v1", "well-known", "llm", "git", "agents", "admin", "platform", "a2a", "a2a-cloud",
            "system", "kube-system", "registry", "local", "localhost");

    private AgentNames() {
    }

    /** The name, or a 400 {@code invalid_name} / {@code reserved_name} that states the rule. */
    public static String check(String name) {
        checkSyntax(name);
        if (RESERVED.contains(name)) {
            throw ApiException.badRequest("reserved_name", "'" + name + "' is reserved for the platform; choose"
                    + " another name", "name");
        }
        return name;
    }

    /** The name if it has the shape of one (reserved names included: the platform deploys those itself). */
    public static String checkSyntax(String name) {
        if (name == null || name.isEmpty()) {
            throw ApiException.badRequest("invalid_name", "'name' is required: " + RULE, "name");
        }
        if (name.length() > MAX_LENGTH) {
            throw ApiException.badRequest("invalid_name", "'" + shorten(name) + "' is " + name.length()
                    + " characters long: " + RULE, "name");
        }
        if (!LABEL.matcher(name).matches()) {
            throw ApiException.badRequest("invalid_name", "'" + shorten(name) + "' is not valid: " + RULE, "name");
        }
        return name;
    }

    private static String shorten(String name) {
        String printable = name.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
    }
}
