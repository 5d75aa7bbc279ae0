package dev.a2acloud.functions.cardprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.BuildLive;
import dev.a2acloud.events.BuildSynced;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardProbeTest {
    private static final String URL = "http://127.0.0.1:8080/agents/echo/";
    private static final String CARD_V1 = "{\"version\":\"1.0.0\",\"skills\":[{\"id\":\"echo\"}]}";
    private static final String CARD_V2 = "{\"version\":\"2.0.0\",\"skills\":[{\"id\":\"shout\"},{\"id\":\"echo\"}]}";
    private static final String RESULT = "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"result\":{\"kind\":\"task\"}}";

    private final FakeClock clock = new FakeClock();
    private final ScriptedAgent agent = new ScriptedAgent();
    private final CardProbe probe = new CardProbe(agent, new ProbeSettings(Duration.ofSeconds(10),
            Duration.ofMillis(50), Duration.ofSeconds(1)), clock, clock::advance);

    @Test
    void waitsForTheNewVersionThenProvesAJsonRpcCall() throws Exception {
        agent.cards.add(new AgentHttp.Reply(200, CARD_V1));
        agent.cards.add(new AgentHttp.Reply(200, CARD_V1));
        agent.cards.add(new AgentHttp.Reply(200, CARD_V2));
        agent.rpc.add(new AgentHttp.Reply(200, RESULT));

        BuildLive live = assertInstanceOf(BuildLive.class, probe.apply(synced("2.0.0")));

        assertEquals(URL, live.url());
        assertEquals("echo-00002", live.revision());
        assertEquals(List.of("echo", "shout"), live.skills());
        assertEquals(150, live.probeWaitMillis(), "50 ms then 100 ms of backoff");
        assertEquals(URI.create(URL + ".well-known/agent-card.json"), agent.gets.getFirst());
        var call = new ObjectMapper().readTree(agent.posts.getFirst());
        assertEquals("SendMessage", call.path("method").asText());
        assertEquals("ping", call.path("params").path("message").path("parts").path(0).path("text").asText());
    }

    @Test
    void aCardThatNeverChangesFailsWithTheLastCardSeen() {
        for (int i = 0; i < 100; i++) {
            agent.cards.add(new AgentHttp.Reply(200, CARD_V1));
        }
        BuildFailed failed = assertInstanceOf(BuildFailed.class, probe.apply(synced("2.0.0")));

        assertEquals("card-probe", failed.stage());
        assertTrue(failed.reason().contains("within 10 s"), failed.reason());
        assertTrue(failed.reason().contains("last seen: card version 1.0.0 skills [echo]"), failed.reason());
        assertTrue(agent.gets.size() < 20, "backoff bounds the polls: " + agent.gets.size());
        assertTrue(agent.posts.isEmpty());
    }

    @Test
    void aRefusedConnectionIsRetriedAndAnOldAgentIsCalledByTheV03Name() {
        agent.cardFailures = 2;
        agent.cards.add(new AgentHttp.Reply(200, CARD_V2));
        agent.rpc.add(new AgentHttp.Reply(200, "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"error\":{\"code\":-32601,"
                + "\"message\":\"method 'SendMessage' does not exist\"}}"));
        agent.rpc.add(new AgentHttp.Reply(200, RESULT));

        BuildEvent outcome = probe.apply(synced("2.0.0"));

        assertInstanceOf(BuildLive.class, outcome);
        assertEquals(3, agent.gets.size());
        assertTrue(agent.posts.get(1).contains("\"method\":\"message/send\""), agent.posts.get(1));
    }

    @Test
    void anAgentThatAnswersOnlyErrorsIsNotLive() {
        agent.cards.add(new AgentHttp.Reply(200, CARD_V2));
        for (int i = 0; i < 100; i++) {
            agent.rpc.add(new AgentHttp.Reply(200, "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"error\":{\"code\":-32603,"
                    + "\"message\":\"boom\"}}"));
        }
        BuildFailed failed = assertInstanceOf(BuildFailed.class, probe.apply(synced("2.0.0")));
        assertTrue(failed.reason().contains("SendMessage answered error -32603: boom"), failed.reason());
    }

    private static BuildSynced synced(String version) {
        try {
            return new BuildSynced("b-1", "echo", "u-1", version, 1, "c0ffee", "echo-00002", URL,
                    new ObjectMapper().readTree(CARD_V2));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers the probe's calls from scripts; the last card keeps answering once the script runs out. */
    private static final class ScriptedAgent implements AgentHttp {
        final Deque<Reply> cards = new ArrayDeque<>();
        final Deque<Reply> rpc = new ArrayDeque<>();
        final List<URI> gets = new ArrayList<>();
        final List<String> posts = new ArrayList<>();
        int cardFailures;

        @Override
        public Reply get(URI uri) throws IOException {
            gets.add(uri);
            if (cardFailures > 0) {
                cardFailures--;
                throw new ConnectException("Connection refused");
            }
            return cards.size() > 1 ? cards.poll() : cards.peek();
        }

        @Override
        public Reply postJson(URI uri, String json) {
            posts.add(json);
            return rpc.size() > 1 ? rpc.poll() : rpc.peek();
        }
    }

    private static final class FakeClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
