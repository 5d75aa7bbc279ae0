package dev.a2acloud.functions.cardprobe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.BuildLive;
import dev.a2acloud.events.BuildSynced;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * card-probe: {@code build.synced} → {@code build.live} | {@code build.failed}. Polls the deployed agent's card with
 * backoff until it shows the deployed version and exactly the validated skills (so an old revision still answering
 * does not count), then makes one JSON-RPC {@code SendMessage} call to prove the agent is callable.
 */
public final class CardProbe implements Function<BuildSynced, BuildEvent> {
    static final String STAGE = "card-probe";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int METHOD_NOT_FOUND = -32601;

    /** Pauses between polls; injected so tests run without waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final AgentHttp http;
    private final ProbeSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    public CardProbe(AgentHttp http, ProbeSettings settings, Clock clock, Sleeper sleeper) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public BuildEvent apply(BuildSynced synced) {
        Instant start = clock.instant();
        Instant deadline = start.plus(settings.timeout());
        TreeSet<String> expectedSkills = skillIds(synced.card());
        String base = synced.url().endsWith("/") ? synced.url() : synced.url() + "/";
        URI cardUri = URI.create(base).resolve(".well-known/agent-card.json");
        URI rpcUri = URI.create(base);
        Duration pause = settings.firstPause();
        String last = "no answer yet";
        boolean cardMatches = false;
        while (true) {
            try {
                if (!cardMatches) {
                    String problem = checkCard(http.get(cardUri), synced.version(), expectedSkills);
                    cardMatches = problem == null;
                    last = problem == null ? "card matches" : problem;
                }
                if (cardMatches) {
                    String problem = call(rpcUri, synced);
                    if (problem == null) {
                        return new BuildLive(synced.buildId(), synced.agent(), synced.owner(), synced.version(),
                                synced.attempt(), base, synced.revision(), List.copyOf(expectedSkills),
                                Duration.between(start, clock.instant()).toMillis());
                    }
                    last = problem;
                }
            } catch (IOException e) {
                last = "no answer: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(synced, "interrupted while probing " + base + "; last seen: " + last);
            }
            if (!clock.instant().plus(pause).isBefore(deadline)) {
                return failed(synced, base + " did not show version " + synced.version() + " with skills "
                        + expectedSkills + " and answer a JSON-RPC call within " + settings.timeout().toSeconds()
                        + " s; last seen: " + last);
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(synced, "interrupted while probing " + base + "; last seen: " + last);
            }
            pause = pause.multipliedBy(2).compareTo(settings.maxPause()) > 0 ? settings.maxPause()
                    : pause.multipliedBy(2);
        }
    }

    /** Null when the card is the deployed one; otherwise what differs. */
    private static String checkCard(AgentHttp.Reply reply, String version, TreeSet<String> skills) {
        if (reply.status() != 200) {
            return "card answered HTTP " + reply.status() + ": " + abbreviate(reply.body());
        }
        JsonNode card;
        try {
            card = JSON.readTree(reply.body());
        } catch (IOException e) {
            return "card is not JSON: " + abbreviate(reply.body());
        }
        String seenVersion = card.path("version").asText(null);
        TreeSet<String> seenSkills = skillIds(card);
        if (!version.equals(seenVersion) || !skills.equals(seenSkills)) {
            return "card version " + seenVersion + " skills " + seenSkills;
        }
        return null;
    }

    /** Null when the agent answered a JSON-RPC result; otherwise what it answered. */
    private String call(URI rpc, BuildSynced synced) throws IOException, InterruptedException {
        String problem = null;
        for (String method : List.of("SendMessage", "message/send")) { // A2A 1.0 name, then the 0.3 one
            AgentHttp.Reply reply = http.postJson(rpc, request(method, synced));
            if (reply.status() != 200) {
                return method + " answered HTTP " + reply.status() + ": " + abbreviate(reply.body());
            }
            JsonNode answer;
            try {
                answer = JSON.readTree(reply.body());
            } catch (IOException e) {
                return method + " answer is not JSON: " + abbreviate(reply.body());
            }
            if (answer.has("result") && !answer.get("result").isNull()) {
                return null;
            }
            problem = method + " answered error " + answer.path("error").path("code").asText("?") + ": "
                    + answer.path("error").path("message").asText(abbreviate(reply.body()));
            if (answer.path("error").path("code").asInt() != METHOD_NOT_FOUND) {
                return problem;
            }
        }
        return problem;
    }

    private static String request(String method, BuildSynced synced) {
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", "probe-" + synced.buildId());
        request.put("method", method);
        ObjectNode params = request.putObject("params");
        ObjectNode message = params.putObject("message");
        message.put("messageId", "probe-" + synced.buildId() + "-" + synced.attempt());
        message.put("role", method.equals("SendMessage") ? "ROLE_USER" : "user");
        if (!method.equals("SendMessage")) {
            message.put("kind", "message");
        }
        ObjectNode part = message.putArray("parts").addObject();
        if (!method.equals("SendMessage")) {
            part.put("kind", "text");
        }
        part.put("text", "ping");
        // Proving it answers is enough: don't hold the probe while a skill does real work.
        params.putObject("configuration").put("returnImmediately", true).put("blocking", false);
        return request.toString();
    }

    private static TreeSet<String> skillIds(JsonNode card) {
        TreeSet<String> ids = new TreeSet<>();
        if (card != null) {
            for (JsonNode skill : card.path("skills")) {
                String id = skill.path("id").asText(null);
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private static BuildFailed failed(BuildSynced synced, String reason) {
        return new BuildFailed(synced.buildId(), synced.agent(), synced.owner(), synced.version(), synced.attempt(),
                STAGE, reason, null);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
