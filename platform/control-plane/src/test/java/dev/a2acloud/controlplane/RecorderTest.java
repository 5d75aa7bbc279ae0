package dev.a2acloud.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.controlplane.agents.AgentRecord;
import dev.a2acloud.controlplane.agents.AgentRepository;
import dev.a2acloud.controlplane.builds.BuildRecord;
import dev.a2acloud.controlplane.builds.BuildRepository;
import dev.a2acloud.controlplane.recorder.BuildSignals;
import dev.a2acloud.controlplane.recorder.DeadLetters;
import dev.a2acloud.controlplane.recorder.Recorder;
import dev.a2acloud.events.BuildCommitted;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildLive;
import dev.a2acloud.events.BuildPackaged;
import dev.a2acloud.events.BuildProgress;
import dev.a2acloud.events.BuildRejected;
import dev.a2acloud.events.BuildRequested;
import dev.a2acloud.events.BuildSynced;
import dev.a2acloud.events.BuildValidated;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.InvalidEventException;
import dev.a2acloud.events.Origin;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Recorder ordering and redelivery, on H2 and on a real PostgreSQL (the repository layer as it runs). */
class RecorderTest {
    static Stream<Supplier<Databases.TestDatabase>> databases() {
        return Stream.of(named("h2", Databases::h2), named("postgresql", Databases::postgres));
    }

    private static Supplier<Databases.TestDatabase> named(String name, Supplier<Databases.TestDatabase> s) {
        return new Supplier<>() {
            @Override
            public Databases.TestDatabase get() {
                return s.get();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    record Parts(Recorder recorder, BuildRepository builds, AgentRepository agents, DeadLetters deadLetters) {
    }

    static Parts parts(Databases.TestDatabase db) {
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        BuildRepository builds = new BuildRepository(jdbc);
        AgentRepository agents = new AgentRepository(jdbc);
        Recorder recorder = new Recorder(builds, agents,
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())), new BuildSignals(),
                Clock.systemUTC());
        return new Parts(recorder, builds, agents, new DeadLetters(recorder, builds, new EventCodec()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void lateEventsNeverMoveABuildBackwardsAndRedeliveriesChangeNothing(Supplier<Databases.TestDatabase> database) {
        try (Databases.TestDatabase db = database.get()) {
            Parts p = parts(db);
            String b = "b-" + UUID.randomUUID();
            String agent = "order";
            BuildRequested requested = new BuildRequested(b, agent, "u-a", "1.0.0", 1, "p", false, 0);
            assertTrue(p.recorder().record(requested, "control-plane"));
            assertFalse(p.recorder().record(requested, "control-plane"), "a redelivery is recognised");

            // Attempt 1 is rejected, attempt 2 goes on; attempt 1's late 'generated' must not pull it back.
            p.recorder().record(new BuildRejected(b, agent, "u-a", "1.0.0", 1, Origin.PROMPT, "agents/order/",
                    "compile", 2, "does not compile", "tail"), "sandbox-validate");
            p.recorder().record(new BuildRequested(b, agent, "u-a", "1.0.0", 2, "p", false, 0), "repair");
            p.recorder().record(new BuildValidated(b, agent, "u-a", "1.0.0", 2, Origin.PROMPT, "agents/order/",
                    "sha256:" + "1".repeat(64), null, List.of()), "sandbox-validate");
            p.recorder().record(new BuildGenerated(b, agent, "u-a", "1.0.0", 1, Origin.PROMPT, "agents/order/"),
                    "generate");
            BuildRecord afterLate = p.builds().find(b).orElseThrow();
            assertEquals("validated", afterLate.lastType());
            assertEquals(2, afterLate.attempt());
            assertEquals("sha256:" + "1".repeat(64), afterLate.sourceDigest());

            // 'live' overtakes 'synced': live stays, and the late synced still lands in deployments.
            p.recorder().record(new BuildPackaged(b, agent, "u-a", "1.0.0", 2, "agents/order/",
                    "sha256:" + "1".repeat(64), "u1", "sha256:" + "2".repeat(64), "u2", null), "package");
            p.recorder().record(new BuildCommitted(b, agent, "u-a", "1.0.0", 2, "r", "c".repeat(40),
                    "sha256:" + "2".repeat(64), "u2", null), "git-commit");
            BuildLive live = new BuildLive(b, agent, "u-a", "1.0.0", 2, "http://h/agents/order/", "order-00001",
                    List.of("s"), 10);
            p.recorder().record(live, "card-probe");
            p.recorder().record(new BuildSynced(b, agent, "u-a", "1.0.0", 2, "c".repeat(40), "order-00001",
                    "http://h/agents/order/", null), "argo-sync");
            p.recorder().record(new BuildFailed(b, agent, "u-a", "1.0.0", 2, "card-probe", "late failure", null),
                    "card-probe");
            assertFalse(p.recorder().record(live, "card-probe"));
            p.recorder().record(new BuildProgress(b, agent, "u-a", "1.0.0", 2, "generate", "note", "late note"),
                    "generate");

            BuildRecord done = p.builds().find(b).orElseThrow();
            assertEquals(BuildRecord.LIVE, done.status());
            assertEquals("live", done.lastType());
            assertNotNull(done.endedAt());
            assertEquals("http://h/agents/order/", done.url());
            assertEquals(null, done.failureReason(), "a terminal state is final");
            AgentRecord record = p.agents().find(agent).orElseThrow();
            assertEquals("live", record.status());
            assertEquals("1.0.0", record.currentVersion());
            assertEquals(List.of("failed", "synced", "live", "committed"),
                    p.agents().deployments(agent, "u-a").stream().map(d -> d.type()).toList());
            assertEquals(11, p.builds().events(b, 0).size(), "each distinct event once");
            assertEquals(1, p.agents().versions(agent, "u-a").size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBuildArrivingAsAnEventWithAHostileNameIsRefusedAndNothingIsKept(Supplier<Databases.TestDatabase> database) {
        try (Databases.TestDatabase db = database.get()) {
            Parts p = parts(db);
            for (String hostile : List.of("../../etc", "Upper", "a/b", "x".repeat(80), "bad-")) {
                String b = "b-" + UUID.randomUUID();
                InvalidEventException refused = assertThrows(InvalidEventException.class, () -> p.recorder()
                        .record(new BuildRequested(b, hostile, "u-a", "1.0.0", 1, "p", false, 0), "curl"));
                assertEquals("/data/agent", refused.field());
                assertTrue(refused.getMessage().contains("agent name is 1-57 characters"), refused.getMessage());
                assertTrue(p.builds().find(b).isEmpty(), "no build row for " + hostile);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void concurrentRedeliveriesAreRecordedOnce(Supplier<Databases.TestDatabase> database) throws Exception {
        try (Databases.TestDatabase db = database.get()) {
            Parts p = parts(db);
            String b = "b-" + UUID.randomUUID();
            BuildEvent first = new BuildRequested(b, "racer", "u-a", "1.0.0", 1, "p", false, 0);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> results = pool.invokeAll(List.of(() -> p.recorder().record(first, "x"),
                        () -> p.recorder().record(first, "x"), () -> p.recorder().record(first, "x"),
                        () -> p.recorder().record(first, "x")));
                int recorded = 0;
                for (Future<Boolean> r : results) {
                    recorded += r.get() ? 1 : 0;
                }
                assertEquals(1, recorded);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, p.builds().events(b, 0).size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDeadLetterFailsTheBuildWithTheDeliveryFailure(Supplier<Databases.TestDatabase> database) {
        try (Databases.TestDatabase db = database.get()) {
            Parts p = parts(db);
            String b = "b-" + UUID.randomUUID();
            BuildGenerated generated = new BuildGenerated(b, "dead", "u-a", "1.0.0", 1, Origin.UPLOAD,
                    "agents/dead/");
            p.recorder().record(generated, "control-plane");
            CloudEvent letter = CloudEventBuilder.v1(new EventCodec().encode(generated, "control-plane"))
                    .withExtension("knativeerrordest", "http://sandbox-validate.a2a-cloud.svc/")
                    .withExtension("knativeerrorcode", "503")
                    .withExtension("knativeerrordata", Base64.getEncoder().encodeToString(
                            "no healthy upstream".getBytes(StandardCharsets.UTF_8)))
                    .build();
            assertEquals(DeadLetters.Outcome.BUILD_FAILED, p.deadLetters().accept(letter));
            assertEquals(DeadLetters.Outcome.BUILD_FAILED, p.deadLetters().accept(letter));
            BuildRecord failed = p.builds().find(b).orElseThrow();
            assertEquals(BuildRecord.FAILED, failed.status());
            assertEquals("sandbox-validate", failed.failureStage());
            assertTrue(failed.failureReason().contains("HTTP 503"), failed.failureReason());
            assertTrue(failed.failureReason().contains("no healthy upstream"), failed.failureReason());
            assertEquals(2, p.builds().events(b, 0).size(), "the dead letter is recorded once");
            assertEquals("failed", p.agents().find("dead").orElseThrow().status());

            CloudEvent unknown = CloudEventBuilder.v1(letter).withExtension(EventCodec.BUILD_ID, "b-unknown").build();
            assertEquals(DeadLetters.Outcome.IGNORED, p.deadLetters().accept(unknown));
        }
    }
}
