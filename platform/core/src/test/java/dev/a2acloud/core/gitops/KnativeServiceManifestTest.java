package dev.a2acloud.core.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KnativeServiceManifestTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String IMAGE = "ghcr.io/a2acloud/agent-runtime@sha256:" + "cd".repeat(32);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static ServiceManifestInput input(AgentRuntimeSpec runtime) {
        return new ServiceManifestInput("echo", "u-42", "b-7", "1.2.0", runtime,
                "http://cp/v1/artifacts/" + DIGEST, DIGEST, IMAGE, null, 0);
    }

    private static AgentRuntimeSpec runtime(String yaml) throws Exception {
        return AgentRuntimeSpec.fromA2aYaml(YAML.readTree(yaml).get("runtime"));
    }

    @Test
    void ephemeralAgentScalesToZeroWithDeclaredLimits() throws Exception {
        Service s = KnativeServiceManifest.build(input(runtime("""
                runtime:
                  lifecycle: ephemeral
                  concurrency: 4
                  resources: {cpu: 250m, memory: 512Mi, max_runtime_seconds: 120}
                  egress: {allow_hosts: [api.github.com]}
                """)));
        assertEquals("echo", s.getMetadata().getName());
        assertEquals(Map.of("a2acloud.dev/owner", "u-42", "a2acloud.dev/build-id", "b-7",
                "a2acloud.dev/version", "1.2.0", "app.kubernetes.io/managed-by", "a2a-cloud"), s.getMetadata().getLabels());
        Map<String, String> ann = s.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("0", ann.get(KnativeServiceManifest.MIN_SCALE));
        assertEquals("10", ann.get(KnativeServiceManifest.MAX_SCALE));
        assertEquals("{\"allow_hosts\":[\"api.github.com\"],\"allow_internal_services\":[],\"deny_internet_by_default\":true}",
                ann.get(KnativeServiceManifest.ANNOTATION_EGRESS));
        assertEquals(4L, s.getSpec().getTemplate().getSpec().getContainerConcurrency());
        assertEquals(120L, s.getSpec().getTemplate().getSpec().getTimeoutSeconds());
        Container c = s.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("agent", c.getName());
        assertEquals(IMAGE, c.getImage());
        assertEquals("250m", c.getResources().getRequests().get("cpu").toString());
        assertEquals("512Mi", c.getResources().getLimits().get("memory").toString());
        Map<String, String> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertEquals(Map.of("A2A_ARTIFACT_URI", "http://cp/v1/artifacts/" + DIGEST, "A2A_ARTIFACT_DIGEST", DIGEST,
                "A2A_AGENT_VERSION", "1.2.0"), env);
    }

    @Test
    void absentRuntimeTakesTheSeedDefaults() {
        Service s = KnativeServiceManifest.build(input(AgentRuntimeSpec.fromA2aYaml(null)));
        assertEquals(1L, s.getSpec().getTemplate().getSpec().getContainerConcurrency());
        assertEquals(600L, s.getSpec().getTemplate().getSpec().getTimeoutSeconds());
        assertEquals("0", s.getSpec().getTemplate().getMetadata().getAnnotations().get(KnativeServiceManifest.MIN_SCALE));
        Container c = s.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("100m", c.getResources().getRequests().get("cpu").toString());
        assertEquals("256Mi", c.getResources().getRequests().get("memory").toString());
    }

    @Test
    void persistentKeepsOneInstanceAndSessionDelaysScaleDown() throws Exception {
        Map<String, String> persistent = KnativeServiceManifest.build(input(runtime("runtime: {lifecycle: persistent}")))
                .getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("1", persistent.get(KnativeServiceManifest.MIN_SCALE));
        assertNull(persistent.get(KnativeServiceManifest.SCALE_DOWN_DELAY));
        Map<String, String> session = KnativeServiceManifest.build(input(runtime("runtime: {lifecycle: session}")))
                .getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("0", session.get(KnativeServiceManifest.MIN_SCALE));
        assertEquals("5m", session.get(KnativeServiceManifest.SCALE_DOWN_DELAY));
    }

    @Test
    void gpuBecomesALimitAndPublicUrlAnEnvVariable() throws Exception {
        ServiceManifestInput in = input(runtime("runtime: {resources: {gpu: 1}}"));
        in = new ServiceManifestInput(in.agent(), in.owner(), in.buildId(), in.version(), in.runtime(),
                in.artifactUri(), in.artifactDigest(), in.runtimeImage(), "http://127.0.0.1:8080/agents/echo/", 3);
        Service s = KnativeServiceManifest.build(in);
        Container c = s.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("1", c.getResources().getLimits().get("nvidia.com/gpu").toString());
        assertTrue(c.getEnv().contains(new EnvVar("A2A_PUBLIC_URL", "http://127.0.0.1:8080/agents/echo/", null)));
        assertEquals("3", s.getSpec().getTemplate().getMetadata().getAnnotations().get(KnativeServiceManifest.MAX_SCALE));
    }

    @Test
    void yamlIsStableAndReadsBack() throws Exception {
        AgentRuntimeSpec rt = runtime("runtime: {concurrency: 2}");
        String yaml = KnativeServiceManifest.toYaml(KnativeServiceManifest.build(input(rt)));
        assertEquals(yaml, KnativeServiceManifest.toYaml(KnativeServiceManifest.build(input(rt))));
        JsonNode tree = YAML.readTree(yaml);
        assertEquals("serving.knative.dev/v1", tree.get("apiVersion").asText());
        assertEquals("Service", tree.get("kind").asText());
        Service back = KnativeServiceManifest.fromYaml(yaml);
        assertEquals(KnativeServiceManifest.build(input(rt)), back);
        assertFalse(yaml.contains("status"));
    }

    @Test
    void badDeclarationsAreRefusedWithTheFieldToFix() throws Exception {
        GitOpsException e = assertThrows(GitOpsException.class, () -> runtime("runtime: {concurrency: 0}"));
        assertTrue(e.getMessage().contains("concurrency"), e.getMessage());
        assertFalse(e.retryable());
        assertTrue(assertThrows(GitOpsException.class, () -> runtime("runtime: {lifecycle: forever}"))
                .getMessage().contains("lifecycle"));
        assertTrue(assertThrows(GitOpsException.class, () -> runtime("runtime: {resources: {memory: lots}}"))
                .getMessage().contains("memory"));
        assertTrue(assertThrows(GitOpsException.class, () -> runtime("runtime: {resources: {max_runtime_seconds: -1}}"))
                .getMessage().contains("max_runtime_seconds"));
    }

    @Test
    void unpinnedImageBadNameAndBadDigestAreRefused() {
        ServiceManifestInput ok = input(AgentRuntimeSpec.defaults());
        List<ServiceManifestInput> bad = List.of(
                new ServiceManifestInput("Echo_1", ok.owner(), ok.buildId(), ok.version(), ok.runtime(), ok.artifactUri(),
                        ok.artifactDigest(), ok.runtimeImage(), null, 0),
                new ServiceManifestInput(ok.agent(), ok.owner(), ok.buildId(), ok.version(), ok.runtime(), ok.artifactUri(),
                        ok.artifactDigest(), "ghcr.io/a2acloud/agent-runtime:latest", null, 0),
                new ServiceManifestInput(ok.agent(), ok.owner(), ok.buildId(), ok.version(), ok.runtime(), ok.artifactUri(),
                        "md5:abc", ok.runtimeImage(), null, 0),
                new ServiceManifestInput(ok.agent(), ok.owner(), ok.buildId(), "1.0.0+bad build", ok.runtime(),
                        ok.artifactUri(), ok.artifactDigest(), ok.runtimeImage(), null, 0));
        for (ServiceManifestInput in : bad) {
            assertThrows(GitOpsException.class, () -> KnativeServiceManifest.build(in), in.toString());
        }
    }
}
