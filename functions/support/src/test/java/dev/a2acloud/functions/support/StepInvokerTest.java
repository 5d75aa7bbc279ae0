package dev.a2acloud.functions.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.events.BinaryHttpMessage;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildRequested;
import dev.a2acloud.events.BuildValidated;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.Origin;
import dev.a2acloud.events.PlatformException;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepInvokerTest {
    static final String DIGEST = "sha256:" + "cd".repeat(32);
    private final EventCodec codec = new EventCodec();
    private final BuildGenerated generated = new BuildGenerated("b-1", "echo", "u-1", "1.0.0", 1, Origin.PROMPT,
            "agents/echo/");

    static final class Fail extends PlatformException {
        Fail(String message, boolean retryable) {
            super(message, retryable);
        }
    }

    /** Stands in for sandbox-validate: a class, so its input type is read from the declaration. */
    static final class Validate implements Function<BuildGenerated, BuildEvent> {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public BuildEvent apply(BuildGenerated in) {
            calls.incrementAndGet();
            return new BuildValidated(in.buildId(), in.agent(), in.owner(), in.version(), in.attempt(), in.origin(),
                    in.sourcePrefix(), DIGEST, null, null);
        }
    }

    private StepInvoker invoker(Function<BuildGenerated, BuildEvent> step) {
        return new StepInvoker("sandbox-validate", BuildGenerated.class, step, codec, ProcessedEvents.none());
    }

    @Test
    void aReturnedEventIsThe200Reply() {
        StepResponse response = StepInvoker.of("sandbox-validate", new Validate(), codec, ProcessedEvents.none())
                .invoke(codec.encode(generated, "generate"));
        assertEquals(200, response.status());
        assertEquals("dev.a2acloud.build.validated", response.reply().getType());
        assertEquals("b-1.validated.1", response.reply().getId());
        assertEquals("/a2a-cloud/sandbox-validate", response.reply().getSource().toString());
    }

    @Test
    void nullMeansAcknowledgedWithoutReply() {
        StepResponse response = invoker(in -> null).invoke(codec.encode(generated, "generate"));
        assertEquals(202, response.status());
        assertNull(response.reply());
    }

    @Test
    void retryableFailureIs503() {
        StepResponse response = invoker(in -> {
            throw new Fail("workspace unreachable; retry", true);
        }).invoke(codec.encode(generated, "generate"));
        assertEquals(503, response.status());
        assertTrue(response.reason().contains("workspace unreachable"));
    }

    @Test
    void permanentFailureRepliesBuildFailedNamingStepAndReason() {
        StepResponse response = invoker(in -> {
            throw new Fail("a2a.yaml version 2.0.0 does not match build version 1.0.0", false);
        }).invoke(codec.encode(generated, "generate"));
        assertEquals(200, response.status());
        BuildFailed failed = (BuildFailed) codec.decode(response.reply());
        assertEquals("sandbox-validate", failed.stage());
        assertTrue(failed.reason().contains("does not match"));
        assertEquals("b-1", failed.buildId());
    }

    @Test
    void invalidAndMisroutedEventsAre400() {
        StepResponse.HttpReply bad = invoker(in -> in).invokeHttp(java.util.Map.of("ce-specversion", "1.0",
                "ce-id", "x", "ce-source", "/s", "ce-type", "dev.a2acloud.build.generated", "ce-subject", "echo",
                "content-type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, bad.status());
        assertTrue(new String(bad.body(), StandardCharsets.UTF_8).contains("buildid"));

        CloudEvent requested = codec.encode(new BuildRequested("b-1", "echo", "u", "1.0.0", 1, "p", false, 0), "cp");
        StepResponse misrouted = invoker(in -> in).invoke(requested);
        assertEquals(400, misrouted.status());
        assertTrue(misrouted.reason().contains("Trigger"));
    }

    @Test
    void aCrashIs500() {
        StepResponse response = invoker(in -> {
            throw new IllegalStateException("bug");
        }).invoke(codec.encode(generated, "generate"));
        assertEquals(500, response.status());
    }

    @Test
    void httpRoundTripInBinaryMode() {
        BinaryHttpMessage in = codec.encodeHttp(generated, "generate");
        StepResponse.HttpReply reply = StepInvoker.of("sandbox-validate", new Validate(), codec, ProcessedEvents.none())
                .invokeHttp(in.headers(), in.body());
        assertEquals(200, reply.status());
        assertEquals("dev.a2acloud.build.validated", reply.headers().get("ce-type"));
        assertTrue(codec.decodeHttp(reply.headers(), reply.body()) instanceof BuildValidated);
    }

    @Test
    void aRedeliveredEventGetsTheSameAnswerWithoutRunningTheStepAgain() {
        Validate step = new Validate();
        StepInvoker invoker = StepInvoker.of("sandbox-validate", step, codec, ProcessedEvents.inMemory(100));
        CloudEvent event = codec.encode(generated, "generate");
        StepResponse first = invoker.invoke(event);
        StepResponse second = invoker.invoke(event);
        assertEquals(1, step.calls.get());
        assertEquals(first.reply().getId(), second.reply().getId());
    }

    @Test
    void retryableFailuresAreNotRemembered() {
        AtomicInteger calls = new AtomicInteger();
        StepInvoker invoker = new StepInvoker("sandbox-validate", BuildGenerated.class, in -> {
            if (calls.incrementAndGet() == 1) {
                throw new Fail("busy", true);
            }
            return null;
        }, codec, ProcessedEvents.inMemory(10));
        CloudEvent event = codec.encode(generated, "generate");
        assertEquals(503, invoker.invoke(event).status());
        assertEquals(202, invoker.invoke(event).status());
        assertEquals(202, invoker.invoke(event).status());
        assertEquals(2, calls.get());
    }

    @Test
    void persistentMemorySurvivesAReopen(@TempDir Path dir) {
        Path file = dir.resolve("processed.jsonl");
        CloudEvent event = codec.encode(generated, "generate");
        Validate step = new Validate();
        try (ProcessedEvents processed = ProcessedEvents.persistent(file, 100)) {
            StepInvoker.of("sandbox-validate", step, codec, processed).invoke(event);
        }
        try (ProcessedEvents processed = ProcessedEvents.persistent(file, 100)) {
            StepResponse again = StepInvoker.of("sandbox-validate", step, codec, processed).invoke(event);
            assertEquals(200, again.status());
            assertEquals("b-1.validated.1", again.reply().getId());
            assertTrue(codec.decode(again.reply()) instanceof BuildValidated);
        }
        assertEquals(1, step.calls.get());
    }

    @Test
    void aTornLineIsForgotten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("processed.jsonl");
        java.nio.file.Files.writeString(file, "{\"id\":\"a\",\"status\":202}\n{\"id\":\"b\",\"sta");
        try (ProcessedEvents processed = ProcessedEvents.persistent(file, 100)) {
            assertTrue(processed.lookup("a").isPresent());
            assertTrue(processed.lookup("b").isEmpty());
        }
    }

    @Test
    void capacityBoundsMemory() {
        ProcessedEvents processed = ProcessedEvents.inMemory(2);
        processed.remember("a", StepResponse.accepted());
        processed.remember("b", StepResponse.accepted());
        processed.remember("c", StepResponse.accepted());
        assertEquals(2, processed.size());
        assertTrue(processed.lookup("a").isEmpty());
    }
}
