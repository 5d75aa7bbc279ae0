package dev.a2acloud.local.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.core.serving.ServingException;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RevisionTemplateTest {
    private static final ServingHarness.Artifact ARTIFACT =
            new ServingHarness.Artifact("http://cp/v1/artifacts/sha256:" + "a".repeat(64), "sha256:" + "a".repeat(64));

    @Test
    void readsTheKnobsKnativeDefines() {
        Service service = ServingHarness.manifest("echo", "1.0.0", ARTIFACT, 4, 3);
        service.getSpec().getTemplate().getMetadata().getAnnotations()
                .put("autoscaling.knative.dev/scale-down-delay", "5m");
        RevisionTemplate template = RevisionTemplate.from(service);

        assertEquals("echo", template.service());
        assertEquals(4, template.containerConcurrency());
        assertEquals(0, template.minScale());
        assertEquals(3, template.maxScale());
        assertEquals(30, template.timeoutSeconds());
        assertEquals(Duration.ofMinutes(5), template.scaleDownDelay());
        assertEquals("1.0.0", template.version());
        assertEquals(ARTIFACT.digest(), template.artifactDigest());
    }

    @Test
    void onlyTheTemplateDecidesWhetherItIsANewRevision() {
        Service first = ServingHarness.manifest("echo", "1.0.0", ARTIFACT, 0, 2);
        Service relabelled = ServingHarness.manifest("echo", "1.0.0", ARTIFACT, 0, 2);
        relabelled.getMetadata().getLabels().put("a2acloud.dev/build-id", "b-2");
        Service changed = ServingHarness.manifest("echo", "1.0.1", ARTIFACT, 0, 2);

        assertEquals(RevisionTemplate.from(first).identity(), RevisionTemplate.from(relabelled).identity());
        assertNotEquals(RevisionTemplate.from(first).identity(), RevisionTemplate.from(changed).identity());
    }

    @Test
    void refusesWhatCannotRunWithAMessageNamingTheField() {
        assertRefused(new ServiceBuilder().withNewMetadata().withName("Bad_Name").endMetadata().build(),
                "DNS-1123");
        Service noDigest = ServingHarness.manifest("echo", "1.0.0",
                new ServingHarness.Artifact("http://cp/a", "md5:abc"), 0, 1);
        assertRefused(noDigest, "A2A_ARTIFACT_DIGEST must be sha256");
        Service badScale = ServingHarness.manifest("echo", "1.0.0", ARTIFACT, 0, 1);
        badScale.getSpec().getTemplate().getMetadata().getAnnotations()
                .put("autoscaling.knative.dev/min-scale", "many");
        assertRefused(badScale, "min-scale must be a number");
        Service badDelay = ServingHarness.manifest("echo", "1.0.0", ARTIFACT, 0, 1);
        badDelay.getSpec().getTemplate().getMetadata().getAnnotations()
                .put("autoscaling.knative.dev/scale-down-delay", "soon");
        assertRefused(badDelay, "scale-down-delay");
    }

    private static void assertRefused(Service service, String expected) {
        ServingException e = assertThrows(ServingException.class, () -> RevisionTemplate.from(service));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
