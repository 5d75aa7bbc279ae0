package dev.a2acloud.local.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.a2acloud.core.serving.ServingException;
import io.fabric8.knative.serving.v1.RevisionSpec;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one revision runs, read from a Knative Service's {@code spec.template}. Two templates with the same
 * {@link #identity()} are the same revision — which is what makes re-applying a manifest idempotent, as in Knative
 * (labels on the Service itself, such as the build id, do not make a new revision).
 */
record RevisionTemplate(String service, String image, Map<String, String> env, int containerConcurrency,
                        int minScale, int maxScale, int timeoutSeconds, String egressPolicy,
                        java.time.Duration scaleDownDelay, String identity) {

    static final String ARTIFACT_URI = "A2A_ARTIFACT_URI";
    static final String ARTIFACT_DIGEST = "A2A_ARTIFACT_DIGEST";
    static final String AGENT_VERSION = "A2A_AGENT_VERSION";
    static final String MIN_SCALE = "autoscaling.knative.dev/min-scale";
    static final String MAX_SCALE = "autoscaling.knative.dev/max-scale";
    static final String EGRESS = "a2acloud.dev/egress";
    static final String SCALE_DOWN_DELAY = "autoscaling.knative.dev/scale-down-delay";
    private static final Pattern DELAY = Pattern.compile("(\\d{1,5})(s|m|h)");

    /** Local serving has no cluster to spread over; this bounds one agent's processes when max-scale is unset. */
    static final int DEFAULT_MAX_SCALE = 4;
    private static final int DEFAULT_TIMEOUT_SECONDS = 300;
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    static RevisionTemplate from(Service service) {
        if (service == null || service.getMetadata() == null) {
            throw invalid("the manifest is empty; give a serving.knative.dev/v1 Service with metadata.name");
        }
        String name = service.getMetadata().getName();
        if (name == null || !NAME.matcher(name).matches()) {
            throw invalid("metadata.name '" + name + "' is not a DNS-1123 label (lowercase letters, digits, '-')");
        }
        if (service.getSpec() == null || service.getSpec().getTemplate() == null
                || service.getSpec().getTemplate().getSpec() == null) {
            throw invalid("service " + name + " has no spec.template.spec");
        }
        RevisionSpec spec = service.getSpec().getTemplate().getSpec();
        if (spec.getContainers() == null || spec.getContainers().size() != 1) {
            throw invalid("service " + name + " must have exactly one container in spec.template.spec.containers");
        }
        Container container = spec.getContainers().getFirst();
        Map<String, String> env = new LinkedHashMap<>();
        if (container.getEnv() != null) {
            for (EnvVar var : container.getEnv()) {
                if (var.getValueFrom() != null) {
                    throw invalid("env " + var.getName() + " of service " + name
                            + " uses valueFrom; local serving only runs literal values");
                }
                env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
            }
        }
        String uri = env.get(ARTIFACT_URI);
        String digest = env.get(ARTIFACT_DIGEST);
        if (uri == null || uri.isBlank()) {
            throw invalid("service " + name + " has no env " + ARTIFACT_URI + " (the agent jar to run)");
        }
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw invalid("service " + name + " env " + ARTIFACT_DIGEST + " must be sha256:<64 hex>, was " + digest);
        }
        Map<String, String> annotations = Optional.ofNullable(service.getSpec().getTemplate().getMetadata())
                .map(m -> m.getAnnotations()).orElse(Map.of());
        int minScale = intAnnotation(name, annotations, MIN_SCALE, 0);
        int maxScale = intAnnotation(name, annotations, MAX_SCALE, DEFAULT_MAX_SCALE);
        if (maxScale == 0) {
            maxScale = DEFAULT_MAX_SCALE; // Knative: 0 means unlimited
        }
        if (minScale > maxScale) {
            throw invalid("service " + name + ": " + MIN_SCALE + " " + minScale + " exceeds " + MAX_SCALE + " " + maxScale);
        }
        long concurrency = spec.getContainerConcurrency() == null ? 0 : spec.getContainerConcurrency();
        if (concurrency < 0 || concurrency > 1000) {
            throw invalid("service " + name + ": containerConcurrency must be 0..1000, was " + concurrency);
        }
        long timeout = spec.getTimeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : spec.getTimeoutSeconds();
        if (timeout <= 0 || timeout > 3600) {
            throw invalid("service " + name + ": timeoutSeconds must be 1..3600, was " + timeout);
        }
        return new RevisionTemplate(name, container.getImage(), Map.copyOf(env), (int) concurrency, minScale, maxScale,
                (int) timeout, annotations.getOrDefault(EGRESS, ""), delay(name, annotations.get(SCALE_DOWN_DELAY)),
                identityOf(service));
    }

    String artifactUri() {
        return env.get(ARTIFACT_URI);
    }

    String artifactDigest() {
        return env.get(ARTIFACT_DIGEST);
    }

    String version() {
        return env.getOrDefault(AGENT_VERSION, "");
    }

    private static String identityOf(Service service) {
        try {
            var template = CANONICAL.valueToTree(service.getSpec().getTemplate());
            if (template.has("metadata") && template.get("metadata").isObject()) {
                // The revision name Knative may carry here is an output of this identity, not part of it.
                ((com.fasterxml.jackson.databind.node.ObjectNode) template.get("metadata")).remove("name");
            }
            return CANONICAL.writeValueAsString(CANONICAL.treeToValue(template, Object.class));
        } catch (Exception e) {
            throw new ServingException("cannot read spec.template of " + service.getMetadata().getName() + ": "
                    + e.getMessage(), false, e);
        }
    }

    /** Knative's scale-down-delay ({@code 30s}, {@code 5m}, {@code 1h}): how long an idle instance is kept. */
    private static java.time.Duration delay(String name, String value) {
        if (value == null || value.isBlank()) {
            return java.time.Duration.ZERO;
        }
        var match = DELAY.matcher(value.trim());
        if (!match.matches()) {
            throw invalid("service " + name + ": annotation " + SCALE_DOWN_DELAY + " must look like 30s, 5m or 1h, was '"
                    + value + "'");
        }
        long amount = Long.parseLong(match.group(1));
        return switch (match.group(2)) {
            case "s" -> java.time.Duration.ofSeconds(amount);
            case "m" -> java.time.Duration.ofMinutes(amount);
            default -> java.time.Duration.ofHours(amount);
        };
    }

    private static int intAnnotation(String name, Map<String, String> annotations, String key, int fallback) {
        String value = annotations.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 0 || parsed > 100) {
                throw invalid("service " + name + ": annotation " + key + " must be 0..100, was " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid("service " + name + ": annotation " + key + " must be a number, was '" + value + "'");
        }
    }

    private static ServingException invalid(String message) {
        return new ServingException(message, false);
    }
}
