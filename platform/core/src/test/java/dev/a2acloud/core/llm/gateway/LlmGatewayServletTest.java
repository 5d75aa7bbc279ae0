package dev.a2acloud.core.llm.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.a2acloud.core.grants.GrantIssuer;
import dev.a2acloud.core.grants.GrantVerifier;
import dev.a2acloud.core.grants.LlmGrant;
import dev.a2acloud.core.grants.SigningKeys;
import dev.a2acloud.core.llm.offline.OfflineModel;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's enforcement table over real HTTP: grants signed by the platform's issuer and verified with its keys,
 * the servlet in Tomcat, an instant OpenAI-compatible upstream on loopback.
 */
class LlmGatewayServletTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** $1 per million prompt tokens, $2 per million completion tokens: 30 + 50 tokens cost $0.00013. */
    private static final ModelPrice PRICE = new ModelPrice(BigDecimal.ONE, BigDecimal.TWO);

    private final TestClock clock = new TestClock(Instant.parse("2026-11-22T08:00:10Z"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private GrantIssuer issuer;
    private LoopbackOpenAiServer upstream;
    private GrantLedger ledger;
    private GatewayServer gateway;

    @BeforeEach
    void start() throws Exception {
        SigningKeys keys = SigningKeys.inMemory(clock, Duration.ofHours(1));
        issuer = new GrantIssuer(keys, "a2a-test", clock);
        upstream = new LoopbackOpenAiServer();
        ledger = new GrantLedger(clock);
        ModelCatalog catalog = new ModelCatalog(Map.of("gpt-test", PRICE, "other-model", PRICE),
                new HttpUpstream(upstream.baseUrl(), "sk-provider", Duration.ofSeconds(10)),
                new OfflineUpstream(new OfflineModel()), ModelPrice.FREE);
        gateway = new GatewayServer(new LlmGatewayServlet(
                new PlatformLlmGrantVerifier(new GrantVerifier(keys, "a2a-test", clock), clock), ledger, catalog, 1000));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    private String grant(List<String> models, String budget, int rpm, int tpm) {
        return issuer.llmToken(new LlmGrant("u-1", models, new BigDecimal(budget), rpm, tpm, "b-1",
                clock.instant().plus(Duration.ofMinutes(10))));
    }

    private HttpResponse<String> chat(String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String body(String model, boolean stream, int maxTokens) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"max_tokens\":" + maxTokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error");
    }

    @Test
    void forwardsWithTheProviderKeyAndSettlesFromUsage() throws Exception {
        String token = grant(List.of("gpt-test"), "1", 0, 0);
        HttpResponse<String> response = chat(token, body("gpt-test", false, 100));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("hello", JSON.readTree(response.body()).path("choices").path(0).path("message").path("content").asText());
        assertEquals("Bearer sk-provider", upstream.authorizations.getFirst(), "the grant never reaches the provider");
        String key = PlatformLlmGrantVerifier.fingerprint(token);
        assertEquals(0, PRICE.cost(30, 50).compareTo(ledger.spent(key)), "settled from the reported usage");
    }

    @Test
    void missingOrForgedGrantIs401() throws Exception {
        HttpResponse<String> none = chat(null, body("gpt-test", false, 10));
        assertEquals(401, none.statusCode());
        assertEquals("invalid_grant", error(none).path("code").asText());
        HttpResponse<String> forged = chat("eyJhbGciOiJub25lIn0.e30.", body("gpt-test", false, 10));
        assertEquals(401, forged.statusCode());
        assertEquals("auth_error", error(forged).path("type").asText());
        assertTrue(upstream.requests.isEmpty());
    }

    @Test
    void expiredGrantIs401() throws Exception {
        String token = grant(List.of("gpt-test"), "1", 0, 0);
        assertEquals(200, chat(token, body("gpt-test", false, 10)).statusCode());
        clock.advance(Duration.ofMinutes(11));
        HttpResponse<String> response = chat(token, body("gpt-test", false, 10));
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(error(response).path("message").asText().contains("expired"), response.body());
    }

    @Test
    void modelNotInGrantIs400() throws Exception {
        HttpResponse<String> response = chat(grant(List.of("gpt-test"), "1", 0, 0), body("other-model", false, 10));
        assertEquals(400, response.statusCode());
        assertEquals("model_not_allowed", error(response).path("code").asText());
        assertTrue(upstream.requests.isEmpty());
    }

    @Test
    void budgetIsReservedFromMaxTokensAndRefusedWhenItWouldOverrun() throws Exception {
        // Budget $0.0003: one call reserves prompt estimate + 100 tokens ≈ $0.0002 and settles at $0.00013.
        String token = grant(List.of(), "0.0003", 0, 0);
        assertEquals(200, chat(token, body("gpt-test", false, 100)).statusCode());
        HttpResponse<String> second = chat(token, body("gpt-test", false, 100));
        assertEquals(400, second.statusCode(), second.body());
        assertEquals("budget_exceeded", error(second).path("type").asText());
        assertEquals("budget_exceeded", error(second).path("code").asText());
        // A smaller max_tokens still fits the remaining budget.
        assertEquals(200, chat(token, body("gpt-test", false, 10)).statusCode());
    }

    @Test
    void requestsPerMinuteAre429WithRetryAfter() throws Exception {
        String token = grant(List.of("gpt-test"), "1", 2, 0);
        assertEquals(200, chat(token, body("gpt-test", false, 10)).statusCode());
        assertEquals(200, chat(token, body("gpt-test", false, 10)).statusCode());
        HttpResponse<String> third = chat(token, body("gpt-test", false, 10));
        assertEquals(429, third.statusCode());
        assertEquals("rate_limit_exceeded", error(third).path("code").asText());
        assertEquals("50", third.headers().firstValue("retry-after").orElseThrow(), "seconds to the next window");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(200, chat(token, body("gpt-test", false, 10)).statusCode(), "a new window");
    }

    @Test
    void tokensPerMinuteCountReportedUsage() throws Exception {
        String token = grant(List.of("gpt-test"), "1", 0, 100);
        assertEquals(200, chat(token, body("gpt-test", false, 10)).statusCode()); // 80 tokens used
        HttpResponse<String> second = chat(token, body("gpt-test", false, 10));
        assertEquals(429, second.statusCode(), second.body());
        assertTrue(second.headers().firstValue("retry-after").isPresent());
    }

    @Test
    void streamingAsksForUsagePassesBytesThroughAndSettles() throws Exception {
        String token = grant(List.of("gpt-test"), "1", 0, 0);
        HttpResponse<String> response = chat(token, body("gpt-test", true, 100));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        assertTrue(response.body().contains("\"content\":\"hel\""));
        assertTrue(response.body().trim().endsWith("data: [DONE]"));
        assertTrue(upstream.requests.getFirst().path("stream_options").path("include_usage").asBoolean(),
                "the gateway asks for the usage chunk");
        assertEquals(0, PRICE.cost(30, 50).compareTo(ledger.spent(PlatformLlmGrantVerifier.fingerprint(token))));
    }

    @Test
    void offlineModelAnswersAndSaysSo() throws Exception {
        String token = grant(List.of("offline"), "0", 0, 0);
        HttpResponse<String> response = chat(token, body("offline", false, 100));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = JSON.readTree(response.body());
        assertEquals("offline", answer.path("model").asText());
        assertTrue(answer.path("choices").path(0).path("message").path("content").asText()
                .startsWith(OfflineModel.PREFIX));
        HttpResponse<String> streamed = chat(token, body("offline", true, 100));
        assertEquals(200, streamed.statusCode());
        assertTrue(streamed.body().contains("[offline model]"));
        assertTrue(streamed.body().contains("\"usage\""), "include_usage was added, so the usage chunk comes");
    }

    @Test
    void modelsListsWhatTheGrantAllows() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/models"))
                .header("Authorization", "Bearer " + grant(List.of("gpt-test"), "1", 0, 0)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        JsonNode data = JSON.readTree(response.body()).path("data");
        assertEquals(1, data.size());
        assertEquals("gpt-test", data.get(0).path("id").asText());
    }

    @Test
    void badBodiesAre400() throws Exception {
        String token = grant(List.of(), "1", 0, 0);
        assertEquals(400, chat(token, "{not json").statusCode());
        assertEquals(400, chat(token, "{\"model\":\"gpt-test\"}").statusCode());
        assertEquals("model_not_found", error(chat(token, body("nope", false, 10))).path("code").asText());
        assertEquals(400, chat(token, body("gpt-test", false, -5)).statusCode());
    }
}
