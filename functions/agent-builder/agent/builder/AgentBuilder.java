package builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.a2acloud.pack.PackException;
import dev.a2acloud.pack.Param;
import dev.a2acloud.pack.RunContext;
import dev.a2acloud.pack.Skill;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The agent-builder. Its one skill starts a prompt build at the control plane ({@code POST /v1/builds}) as the caller
 * (the {@code token} argument, else the bearer token the call came with, else this agent's
 * {@code A2A_CONTROL_PLANE_TOKEN} where an operator gave it one), relays the build's timeline as task progress
 * (polling {@code GET /v1/builds/{id}}), and completes once the new version is live and its card answers at the URL.
 */
public class AgentBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a finished build hands back. */
    public record BuildResult(@Param("the agent's public URL") String url,
                              @Param("the version now serving") String version,
                              @Param("the skill ids on its card") List<String> skills,
                              @Param("the build id, for a2a builds describe") String buildId) {
    }

    private final String controlPlane;
    private final String defaultToken;
    private final Duration pollEvery;
    private final Duration giveUpAfter;
    private final HttpClient http;

    public AgentBuilder() {
        this(firstSet(System.getenv("A2A_CONTROL_PLANE_URL"), System.getenv("A2A_PLATFORM_URL")),
                System.getenv("A2A_CONTROL_PLANE_TOKEN"), Duration.ofMillis(500), Duration.ofMinutes(14));
    }

    public AgentBuilder(String controlPlane, String defaultToken, Duration pollEvery, Duration giveUpAfter) {
        this.controlPlane = controlPlane == null ? null : controlPlane.replaceAll("/+$", "");
        this.defaultToken = defaultToken;
        this.pollEvery = pollEvery;
        this.giveUpAfter = giveUpAfter;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Skill(id = "build", name = "Build an agent", description = "Builds, validates and deploys an A2A Pack agent "
            + "from a description; streams progress and returns its live URL, version and skills.",
            tags = {"builder", "deploy"}, examples = {"{\"name\": \"echo\", \"prompt\": \"an agent that echoes text\"}"},
            defaultForText = true, timeoutSeconds = 900, costClass = "llm")
    public BuildResult build(@Param("the agent's name: lower case letters, digits and '-'") String name,
                             @Param("what the agent should do, in plain language") String prompt,
                             @Param(value = "the version to build, e.g. 1.2.0; default the next one", optional = true)
                             String version,
                             @Param(value = "true to make the agent callable by anyone", optional = true)
                             Boolean publicAgent,
                             @Param(value = "your control-plane token; default the call's bearer token", optional = true)
                             String token,
                             RunContext ctx) {
        if (controlPlane == null || controlPlane.isBlank()) {
            throw PackException.invalid("A2A_CONTROL_PLANE_URL", "the builder does not know the control plane; set "
                    + "A2A_CONTROL_PLANE_URL (or A2A_PLATFORM_URL)");
        }
        String bearer = firstSet(token, ctx.callerToken().orElse(null), defaultToken);
        if (bearer == null) {
            throw PackException.invalid("token", "call the builder with your control-plane token (Authorization: "
                    + "Bearer <token>; the embedded platform keeps it in ~/.a2a/token) or pass it as 'token'");
        }
        ObjectNode body = JSON.createObjectNode().put("name", name).put("prompt", prompt);
        if (version != null && !version.isBlank()) {
            body.put("version", version);
        }
        if (publicAgent != null) {
            body.put("public", publicAgent);
        }
        JsonNode created = call(HttpRequest.newBuilder(URI.create(controlPlane + "/v1/builds"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), bearer, "starting the build");
        String buildId = created.path("buildId").asText(null);
        if (buildId == null) {
            throw new PackException("the control plane accepted the build but named no buildId: " + created);
        }
        ctx.progress("build " + buildId + " started for " + name + " " + created.path("version").asText(""));
        return follow(buildId, bearer, ctx);
    }

    private BuildResult follow(String buildId, String bearer, RunContext ctx) {
        Instant deadline = Instant.now().plus(giveUpAfter);
        Set<String> seen = new HashSet<>();
        while (true) {
            if (ctx.cancelled()) {
                throw new PackException("cancelled; build " + buildId + " goes on at the control plane");
            }
            JsonNode build = call(HttpRequest.newBuilder(URI.create(controlPlane + "/v1/builds/" + buildId)).GET(),
                    bearer, "reading build " + buildId);
            for (JsonNode entry : build.path("timeline")) {
                String id = entry.path("id").asText(entry.toString());
                if (seen.add(id)) {
                    ctx.progress(describe(entry));
                }
            }
            String status = build.path("status").asText();
            if (status.equals("failed")) {
                throw new PackException("build " + buildId + " failed at " + build.path("failureStage").asText("?")
                        + ": " + build.path("failureReason").asText("no reason recorded"));
            }
            if (status.equals("live")) {
                return live(buildId, build);
            }
            if (Instant.now().isAfter(deadline)) {
                throw PackException.retryable("build " + buildId + " is still " + status + " after "
                        + giveUpAfter.toMinutes() + " min; follow it with a2a builds describe " + buildId, null);
            }
            sleep();
        }
    }

    /** The build says live; the card at the URL must say so too (the version and skills callers will see). */
    private BuildResult live(String buildId, JsonNode build) {
        String url = build.path("url").asText(null);
        String version = build.path("version").asText();
        if (url == null) {
            throw new PackException("build " + buildId + " is live but has no URL");
        }
        String base = url.endsWith("/") ? url : url + "/";
        JsonNode card = call(HttpRequest.newBuilder(URI.create(base + ".well-known/agent-card.json")).GET(), null,
                "reading the new agent's card");
        if (!version.equals(card.path("version").asText())) {
            throw PackException.retryable("the card at " + base + " shows version " + card.path("version").asText()
                    + ", not " + version + " yet", null);
        }
        List<String> skills = new ArrayList<>();
        card.path("skills").forEach(s -> skills.add(s.path("id").asText()));
        return new BuildResult(url, version, skills, buildId);
    }

    private static String describe(JsonNode entry) {
        StringBuilder line = new StringBuilder(entry.path("type").asText("event"));
        for (String field : new String[] {"step", "stage", "message", "reason", "url"}) {
            String value = entry.path(field).asText("");
            if (!value.isBlank()) {
                line.append(" · ").append(value);
            }
        }
        return line.toString();
    }

    private JsonNode call(HttpRequest.Builder request, String bearer, String what) {
        request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw PackException.retryable("cannot reach the control plane while " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackException("interrupted while " + what);
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String message = json.path("error").path("message").asText(response.body());
            if (status == 401 || status == 403) {
                throw PackException.invalid("token", "the control plane refused the token (" + status + "): " + message);
            }
            if (status >= 500 || status == 429) {
                throw PackException.retryable(what + " failed (" + status + "): " + message, null);
            }
            throw PackException.invalid(json.path("error").path("field").asText("request"), what + " failed ("
                    + status + "): " + message);
        }
        return json;
    }

    private void sleep() {
        try {
            Thread.sleep(pollEvery.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackException("interrupted while following the build");
        }
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
