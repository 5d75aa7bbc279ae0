package dev.a2acloud.local.broker;

import static dev.a2acloud.local.broker.Events.delivery;
import static dev.a2acloud.local.broker.Events.event;
import static dev.a2acloud.local.broker.Events.trigger;
import static dev.a2acloud.local.broker.Events.triggers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildValidated;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.InvalidEventException;
import dev.a2acloud.events.Origin;
import dev.a2acloud.functions.support.ProcessedEvents;
import dev.a2acloud.functions.support.StepInvoker;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedBrokerTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<CloudEvent> deadLetters = new CopyOnWriteArrayList<>();

    private EmbeddedBroker.Builder broker(String yaml) {
        return EmbeddedBroker.builder().triggers(triggers(yaml)).executor(Runnable::run).scheduler(scheduler)
                .subscriber("control-plane", "/v1/dead-letters", e -> {
                    deadLetters.add(e);
                    return SubscriberResponse.ack();
                });
    }

    @Test
    void aReplyIsPublishedBackAndRoutedToTheNextTrigger() {
        List<CloudEvent> second = new ArrayList<>();
        String yaml = trigger("one", "t.first", "a", "") + trigger("two", "t.second", "b", "");
        try (EmbeddedBroker b = broker(yaml)
                .subscriber("a", e -> SubscriberResponse.reply(event(e.getId() + ".next", "t.second")))
                .subscriber("b", e -> {
                    second.add(e);
                    return SubscriberResponse.ack();
                }).build()) {
            b.publish(event("e1", "t.first"));
            assertEquals(List.of("e1.next"), second.stream().map(CloudEvent::getId).toList());
            assertNull(second.getFirst().getExtension(EmbeddedBroker.TTL), "the TTL is the broker's, not the subscriber's");
            assertEquals(new BrokerStats(2, 2, 0, 0, 0), b.stats());
        }
    }

    @Test
    void aReplyLoopDiesOutWhenTheTtlRunsOut() {
        AtomicInteger deliveries = new AtomicInteger();
        try (EmbeddedBroker b = broker(trigger("loop", "t.loop", "a", ""))
                .subscriber("a", e -> SubscriberResponse.reply(event("r" + deliveries.incrementAndGet(), "t.loop")))
                .build()) {
            b.publish(CloudEventBuilder.from(event("e1", "t.loop")).withExtension(EmbeddedBroker.TTL, 3).build());
            assertEquals(3, deliveries.get());
            assertEquals(1, b.stats().dropped());
            assertTrue(b.recentDeliveries().stream().anyMatch(r -> r.outcome().equals("dropped")
                    && r.detail().contains(EmbeddedBroker.TTL)), b.recentDeliveries().toString());
        }
    }

    @Test
    void anEventWithExhaustedTtlIsDroppedAtIngress() {
        AtomicInteger deliveries = new AtomicInteger();
        try (EmbeddedBroker b = broker(trigger("t", "t.x", "a", "")).subscriber("a", e -> {
            deliveries.incrementAndGet();
            return SubscriberResponse.ack();
        }).build()) {
            b.publish(CloudEventBuilder.from(event("e1", "t.x")).withExtension(EmbeddedBroker.TTL, 0).build());
            assertEquals(0, deliveries.get());
            assertEquals(1, b.stats().dropped());
        }
    }

    @ParameterizedTest(name = "status {0} is retried")
    @ValueSource(ints = {404, 408, 409, 429, 500, 502, 503})
    void retryableStatusesAreRetriedThenDeadLettered(int status) {
        AtomicInteger attempts = new AtomicInteger();
        try (EmbeddedBroker b = broker(trigger("t", "t.x", "a", delivery(3, "exponential", "PT1S", null)))
                .subscriber("a", e -> {
                    attempts.incrementAndGet();
                    return SubscriberResponse.failure(status, "nope " + status);
                }).build()) {
            b.publish(event("e1", "t.x"));
            scheduler.runAll();
            assertEquals(4, attempts.get(), "first attempt plus 3 retries");
            assertEquals(1, deadLetters.size());
            assertEquals(new BrokerStats(1, 0, 3, 1, 0), b.stats());
        }
    }

    @ParameterizedTest(name = "status {0} is final")
    @ValueSource(ints = {400, 401, 403, 413, 422})
    void otherClientErrorsAreNotRetried(int status) {
        AtomicInteger attempts = new AtomicInteger();
        try (EmbeddedBroker b = broker(trigger("t", "t.x", "a", delivery(3, "exponential", "PT1S", null)))
                .subscriber("a", e -> {
                    attempts.incrementAndGet();
                    return SubscriberResponse.failure(status, "bad");
                }).build()) {
            b.publish(event("e1", "t.x"));
            scheduler.runAll();
            assertEquals(1, attempts.get());
            assertEquals(1, deadLetters.size());
            assertTrue(scheduler.delays.isEmpty());
        }
    }

    @Test
    void exponentialAndLinearBackoff() {
        try (EmbeddedBroker b = broker(trigger("exp", "t.exp", "a", delivery(4, "exponential", "PT0.5S", null))
                + trigger("lin", "t.lin", "a", delivery(3, "linear", "PT2S", null)))
                .subscriber("a", e -> SubscriberResponse.failure(503, "busy")).build()) {
            b.publish(event("e1", "t.exp"));
            scheduler.runAll();
            assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                    Duration.ofSeconds(4)), scheduler.delays);
            scheduler.delays.clear();
            b.publish(event("e2", "t.lin"));
            scheduler.runAll();
            assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(6)), scheduler.delays);
        }
    }

    @Test
    void aSuccessfulRetryIsDelivered() {
        AtomicInteger attempts = new AtomicInteger();
        try (EmbeddedBroker b = broker(trigger("t", "t.x", "a", delivery(3, "exponential", "PT1S", null)))
                .subscriber("a", e -> attempts.incrementAndGet() < 3 ? SubscriberResponse.failure(503, "warming up")
                        : SubscriberResponse.ack()).build()) {
            b.publish(event("e1", "t.x"));
            scheduler.runAll();
            assertEquals(new BrokerStats(1, 1, 2, 0, 0), b.stats());
            assertTrue(deadLetters.isEmpty());
        }
    }

    @Test
    void theDeadLetterCarriesTheFailureReason() {
        try (EmbeddedBroker b = broker(trigger("t", "t.x", "generate", delivery(0, "exponential", "PT1S", null)))
                .subscriber("generate", e -> SubscriberResponse.failure(400, "data.prompt is empty")).build()) {
            b.publish(event("e1", "t.x"));
            CloudEvent dead = deadLetters.getFirst();
            assertEquals("e1", dead.getId());
            assertEquals("service:generate", dead.getExtension(EmbeddedBroker.ERROR_DEST));
            assertEquals("400", dead.getExtension(EmbeddedBroker.ERROR_CODE).toString());
            assertEquals("data.prompt is empty", new String(Base64.getDecoder()
                    .decode(dead.getExtension(EmbeddedBroker.ERROR_DATA).toString()), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aThrowingSubscriberIsRetriedLikeAConnectionError() {
        AtomicInteger attempts = new AtomicInteger();
        try (EmbeddedBroker b = broker(trigger("t", "t.x", "a", delivery(1, "exponential", "PT1S", null)))
                .subscriber("a", e -> {
                    attempts.incrementAndGet();
                    throw new java.io.IOException("connection reset");
                }).build()) {
            b.publish(event("e1", "t.x"));
            scheduler.runAll();
            assertEquals(2, attempts.get());
            assertTrue(deadLetters.getFirst().getExtension(EmbeddedBroker.ERROR_CODE) == null);
        }
    }

    @Test
    void aSubscriberThatTakesTooLongTimesOutAndIsRetried() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        try (EmbeddedBroker b = EmbeddedBroker.builder()
                .triggers(triggers(trigger("t", "t.x", "a", delivery(1, "exponential", "PT0.01S", "PT0.1S"))))
                .scheduler(scheduler)
                .subscriber("control-plane", "/v1/dead-letters", e -> {
                    deadLetters.add(e);
                    return SubscriberResponse.ack();
                })
                .subscriber("a", e -> {
                    attempts.incrementAndGet();
                    release.await(10, TimeUnit.SECONDS);
                    return SubscriberResponse.ack();
                }).build()) {
            b.publish(event("e1", "t.x"));
            waitFor(() -> scheduler.pending() == 1);
            scheduler.runAll();
            waitFor(() -> deadLetters.size() == 1);
            assertEquals(2, attempts.get());
            assertTrue(b.recentDeliveries().stream().anyMatch(r -> r.detail() != null && r.detail().contains("no answer within")));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aMissingSubscriberIsA404AndRetried() {
        try (EmbeddedBroker b = broker(trigger("t", "t.x", "nobody", delivery(2, "linear", "PT1S", null))).build()) {
            b.publish(event("e1", "t.x"));
            scheduler.runAll();
            assertEquals(2, b.stats().retried());
            assertEquals("404", deadLetters.getFirst().getExtension(EmbeddedBroker.ERROR_CODE).toString());
        }
    }

    @Test
    void withoutDeadLetterSinkTheEventIsDropped() {
        String yaml = trigger("t", "t.x", "a", "delivery:\n  retry: 1\n  backoffDelay: PT1S");
        try (EmbeddedBroker b = EmbeddedBroker.builder().triggers(triggers(yaml)).executor(Runnable::run)
                .scheduler(scheduler).subscriber("a", e -> SubscriberResponse.failure(500, "x")).build()) {
            b.publish(event("e1", "t.x"));
            scheduler.runAll();
            assertEquals(new BrokerStats(1, 0, 1, 0, 1), b.stats());
        }
    }

    @Test
    void anInvalidReplyCountsAsA502Failure() {
        CloudEvent badReply = event("r1", "dev.a2acloud.build.live"); // our type, but no buildid and no valid data
        try (EmbeddedBroker b = broker(trigger("t", "t.x", "a", delivery(0, "linear", "PT1S", null)))
                .subscriber("a", e -> SubscriberResponse.reply(badReply)).build()) {
            b.publish(event("e1", "t.x"));
            assertEquals("502", deadLetters.getFirst().getExtension(EmbeddedBroker.ERROR_CODE).toString());
            assertEquals(1, b.stats().accepted());
        }
    }

    @Test
    void malformedBuildEventsAreRefusedAtIngress() {
        try (EmbeddedBroker b = broker(trigger("t", "t.x", "a", "")).build()) {
            var e = assertThrows(InvalidEventException.class, () -> b.publish(event("e1", "dev.a2acloud.build.live")));
            assertEquals("buildid", e.field());
            var ttl = assertThrows(InvalidEventException.class, () -> b.publish(
                    CloudEventBuilder.from(event("e2", "t.x")).withExtension(EmbeddedBroker.TTL, "many").build()));
            assertEquals(EmbeddedBroker.TTL, ttl.field());
            assertEquals(0, b.stats().accepted());
        }
    }

    @Test
    void aStepInvokerIsASubscriber() {
        EventCodec codec = new EventCodec();
        List<CloudEvent> validated = new ArrayList<>();
        StepInvoker validate = new StepInvoker("sandbox-validate", BuildGenerated.class,
                in -> new BuildValidated(in.buildId(), in.agent(), in.owner(), in.version(), in.attempt(), in.origin(),
                        in.sourcePrefix(), "sha256:" + "0".repeat(64), null, null),
                codec, ProcessedEvents.none());
        String yaml = trigger("sandbox-validate", "dev.a2acloud.build.generated", "sandbox-validate", "")
                + trigger("package", "dev.a2acloud.build.validated", "package", "");
        try (EmbeddedBroker b = broker(yaml).subscriber("sandbox-validate", Subscriber.of(validate))
                .subscriber("package", e -> {
                    validated.add(e);
                    return SubscriberResponse.ack();
                }).build()) {
            b.publish(codec.encode(new BuildGenerated("b-9", "echo", "u", "1.0.0", 1, Origin.PROMPT, "agents/echo/"),
                    "generate"));
            assertEquals("b-9.validated.1", validated.getFirst().getId());
            assertEquals("b-9", validated.getFirst().getExtension("buildid"));
        }
    }

    @Test
    void afterACrashEveryAcceptedUnfinishedDeliveryHappensOnRestart(@TempDir Path dir) {
        String yaml = trigger("a", "t.x", "a", delivery(5, "exponential", "PT1S", null))
                + trigger("b", "t.x", "b", "");
        List<String> seenByB = new ArrayList<>();
        // First life: "b" acknowledges, "a" keeps failing; the process dies before any retry runs.
        EmbeddedBroker first = broker(yaml).journal(dir)
                .subscriber("a", e -> SubscriberResponse.failure(503, "down"))
                .subscriber("b", e -> {
                    seenByB.add(e.getId());
                    return SubscriberResponse.ack();
                }).build();
        first.publish(event("e1", "t.x"));
        first.publish(event("e2", "t.x"));
        assertEquals(2, scheduler.pending());
        first.close(); // the simulated crash: no ack for "a", nothing flushed beyond what publish already wrote

        List<String> seenByA = new ArrayList<>();
        try (EmbeddedBroker second = broker(yaml).journal(dir)
                .subscriber("a", e -> {
                    seenByA.add(e.getId());
                    return SubscriberResponse.ack();
                })
                .subscriber("b", e -> {
                    seenByB.add(e.getId());
                    return SubscriberResponse.ack();
                }).build()) {
            assertEquals(List.of("e1", "e2"), seenByA);
            assertEquals(List.of("e1", "e2"), seenByB, "b had acknowledged: no redelivery to it");
            assertEquals(2, second.stats().delivered());
        }
        // Third life: everything was acknowledged, nothing comes back.
        try (EmbeddedBroker third = broker(yaml).journal(dir)
                .subscriber("a", e -> {
                    seenByA.add(e.getId());
                    return SubscriberResponse.ack();
                })
                .subscriber("b", e -> SubscriberResponse.ack()).build()) {
            assertEquals(2, seenByA.size());
            assertEquals(0, third.stats().accepted());
        }
    }

    @Test
    void aJournalLineTornByAKillIsIgnored(@TempDir Path dir) throws Exception {
        String yaml = trigger("a", "t.x", "a", delivery(5, "exponential", "PT1S", null));
        EmbeddedBroker first = broker(yaml).journal(dir).subscriber("a", e -> SubscriberResponse.failure(503, "down"))
                .build();
        first.publish(event("e1", "t.x"));
        first.close();
        Path journal;
        try (var files = Files.list(dir)) {
            journal = files.filter(p -> p.getFileName().toString().endsWith(".log")).findFirst().orElseThrow();
        }
        Files.writeString(journal, "A\t99\t255\t{\"specversion\":\"1.0\",\"id\":\"torn", java.nio.file.StandardOpenOption.APPEND);
        List<String> seen = new ArrayList<>();
        try (EmbeddedBroker second = broker(yaml).journal(dir).subscriber("a", e -> {
            seen.add(e.getId());
            return SubscriberResponse.ack();
        }).build()) {
            assertEquals(List.of("e1"), seen);
        }
    }

    @Test
    void listingShowsTriggersAndRecentDeliveries() {
        try (EmbeddedBroker b = broker(trigger("t", "t.x", "a", delivery(1, "exponential", "PT1S", "PT5S")))
                .subscriber("a", e -> SubscriberResponse.ack()).build()) {
            b.publish(event("e1", "t.x"));
            String json = BrokerStatusServlet.render(b);
            assertTrue(json.contains("\"name\" : \"t\""), json);
            assertTrue(json.contains("\"subscriber\" : \"service:a\""), json);
            assertTrue(json.contains("\"timeout\" : \"PT5S\""), json);
            assertTrue(json.contains("\"eventId\" : \"e1\""), json);
            assertTrue(json.contains("\"delivered\" : 1"), json);
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
