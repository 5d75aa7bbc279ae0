package dev.a2acloud.core.gitops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The desired Knative Service of one agent version — the {@code deploy/service.yaml} git-commit writes and argo-sync
 * or the embedded reconciler apply (docs/contracts.md). A pure function: same input, same manifest, byte for byte.
 *
 * <p>Scale bounds by lifecycle: {@code ephemeral} → min-scale 0; {@code session} → min-scale 0 with a 5 minute
 * scale-down delay (a conversation stays on a warm instance); {@code persistent} → min-scale 1. max-scale is the
 * input's cap (default 10) for all three. No image is built per agent: the container is the shared agent runtime,
 * pinned by digest, and it loads the artifact named in its environment after verifying that digest.
 */
public final class KnativeServiceManifest {
    public static final String LABEL_OWNER = "a2acloud.dev/owner";
    public static final String LABEL_BUILD_ID = "a2acloud.dev/build-id";
    public static final String LABEL_VERSION = "a2acloud.dev/version";
    public static final String ANNOTATION_EGRESS = "a2acloud.dev/egress";
    public static final String MIN_SCALE = "autoscaling.knative.dev/min-scale";
    public static final String MAX_SCALE = "autoscaling.knative.dev/max-scale";
    public static final String SCALE_DOWN_DELAY = "autoscaling.knative.dev/scale-down-delay";
    public static final String CONTAINER = "agent";
    public static final String ENV_ARTIFACT_URI = "A2A_ARTIFACT_URI";
    public static final String ENV_ARTIFACT_DIGEST = "A2A_ARTIFACT_DIGEST";
    public static final String ENV_AGENT_VERSION = "A2A_AGENT_VERSION";
    public static final String ENV_PUBLIC_URL = "A2A_PUBLIC_URL";
    static final int DEFAULT_MAX_SCALE = 10;

    // Knative Service names become DNS labels (and the revision suffix -00001 must still fit in 63).
    private static final Pattern NAME = Pattern.compile("[a-z]([a-z0-9-]{0,50}[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern PINNED_IMAGE = Pattern.compile("[^\\s@]+@sha256:[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KnativeServiceManifest() {
    }

    public static Service build(ServiceManifestInput in) {
        check(in);
        AgentRuntimeSpec rt = in.runtime();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_OWNER, in.owner());
        labels.put(LABEL_BUILD_ID, in.buildId());
        labels.put(LABEL_VERSION, in.version());
        labels.put("app.kubernetes.io/managed-by", "a2a-cloud");

        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(MIN_SCALE, rt.lifecycle() == AgentRuntimeSpec.Lifecycle.PERSISTENT ? "1" : "0");
        annotations.put(MAX_SCALE, Integer.toString(in.maxScale() == 0 ? DEFAULT_MAX_SCALE : in.maxScale()));
        if (rt.lifecycle() == AgentRuntimeSpec.Lifecycle.SESSION) {
            annotations.put(SCALE_DOWN_DELAY, "5m");
        }
        annotations.put(ANNOTATION_EGRESS, egressJson(rt.egress()));

        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar(ENV_ARTIFACT_URI, in.artifactUri(), null));
        env.add(new EnvVar(ENV_ARTIFACT_DIGEST, in.artifactDigest(), null));
        env.add(new EnvVar(ENV_AGENT_VERSION, in.version(), null));
        if (in.publicUrl() != null) {
            env.add(new EnvVar(ENV_PUBLIC_URL, in.publicUrl(), null));
        }

        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", new Quantity(rt.cpu()));
        requests.put("memory", new Quantity(rt.memory()));
        Map<String, Quantity> limits = new LinkedHashMap<>(requests);
        if (rt.gpu() > 0) {
            limits.put("nvidia.com/gpu", new Quantity(Integer.toString(rt.gpu())));
        }

        return new ServiceBuilder()
                .withNewMetadata().withName(in.agent()).withLabels(labels).endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
                .withNewSpec()
                .withContainerConcurrency((long) rt.concurrency())
                .withTimeoutSeconds((long) rt.maxRuntimeSeconds())
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(in.runtimeImage())
                .withEnv(env)
                .addNewPort().withContainerPort(8080).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/healthz").endHttpGet().endReadinessProbe()
                .withNewResources().withRequests(requests).withLimits(limits).endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public static String toYaml(Service service) {
        return SERIALIZATION.asYaml(service);
    }

    /** Reads a {@code deploy/service.yaml} back, e.g. in the reconciler; a bad file is a permanent failure. */
    public static Service fromYaml(String yaml) {
        try {
            Object parsed = SERIALIZATION.unmarshal(yaml);
            if (parsed instanceof Service service) {
                return service;
            }
            throw GitOpsException.invalid("deploy/service.yaml is not a serving.knative.dev/v1 Service");
        } catch (RuntimeException e) {
            if (e instanceof GitOpsException g) {
                throw g;
            }
            throw new GitOpsException("deploy/service.yaml cannot be read: " + e.getMessage(), false, e);
        }
    }

    /** The egress annotation: the seed's EgressPolicy fields, snake_case, as compact JSON. */
    static String egressJson(AgentRuntimeSpec.Egress egress) {
        ObjectNode node = JSON.createObjectNode();
        // Bound method references: each putArray runs once, also for an empty list.
        egress.allowHosts().forEach(node.putArray("allow_hosts")::add);
        egress.allowInternalServices().forEach(node.putArray("allow_internal_services")::add);
        node.put("deny_internet_by_default", egress.denyInternetByDefault());
        return node.toString();
    }

    private static void check(ServiceManifestInput in) {
        if (in.agent() == null || !NAME.matcher(in.agent()).matches()) {
            throw GitOpsException.invalid("agent name '" + in.agent() + "' cannot name a Knative Service; use lower-case"
                    + " letters, digits and '-', starting with a letter, at most 52 characters");
        }
        label("owner", in.owner());
        label("build id", in.buildId());
        label("version", in.version());
        if (in.runtime() == null) {
            throw GitOpsException.invalid("runtime declarations are missing");
        }
        if (in.artifactUri() == null || in.artifactUri().isBlank()) {
            throw GitOpsException.invalid("artifact uri is missing; package must store the jar first");
        }
        if (in.artifactDigest() == null || !DIGEST.matcher(in.artifactDigest()).matches()) {
            throw GitOpsException.invalid("artifact digest '" + in.artifactDigest() + "' is not sha256:<64 hex>");
        }
        if (in.runtimeImage() == null || !PINNED_IMAGE.matcher(in.runtimeImage()).matches()) {
            throw GitOpsException.invalid("runtime image '" + in.runtimeImage()
                    + "' is not pinned by digest; configure it as <repository>@sha256:<64 hex>");
        }
        if (in.maxScale() < 0) {
            throw GitOpsException.invalid("max scale must be 0 (default) or more, was " + in.maxScale());
        }
    }

    private static void label(String what, String value) {
        if (value == null || !LABEL_VALUE.matcher(value).matches()) {
            throw GitOpsException.invalid(what + " '" + value + "' cannot be a Kubernetes label value; use at most 63"
                    + " letters, digits, '.', '_' or '-', starting and ending with a letter or digit");
        }
    }
}
