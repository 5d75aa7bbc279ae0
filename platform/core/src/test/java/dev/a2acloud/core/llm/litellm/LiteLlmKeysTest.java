package dev.a2acloud.core.llm.litellm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.a2acloud.core.grants.LlmGrant;
import dev.a2acloud.core.llm.LlmException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The key client against a loopback server that speaks LiteLLM's recorded key-management API (request and answer
 * shapes of {@code /key/generate} and {@code /key/delete} as documented at docs.litellm.ai/docs/proxy/virtual_keys,
 * including its naive-UTC {@code expires} and its auth error). No LiteLLM proxy runs on this machine (no Docker, no
 * Python service), so this is a protocol-faithful stand-in, not LiteLLM itself.
 */
class LiteLlmKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MASTER = "sk-master-test";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);
    private final List<JsonNode> generated = new CopyOnWriteArrayList<>();
    private final Map<String, JsonNode> live = new ConcurrentHashMap<>();
    private HttpServer server;
    private LiteLlmKeys keys;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/key/generate", exchange -> {
            if (!authorized(exchange)) {
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            generated.add(body);
            String key = "sk-" + Integer.toHexString(body.hashCode()) + generated.size();
            live.put(key, body);
            long seconds = Long.parseLong(body.path("duration").asText().replace("s", ""));
            String expires = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(java.time.LocalDateTime
                    .ofInstant(clock.instant().plusSeconds(seconds), ZoneOffset.UTC)) + ".000123";
            answer(exchange, 200, "{\"key\":\"" + key + "\",\"key_alias\":" + body.get("key_alias")
                    + ",\"expires\":\"" + expires + "\",\"models\":" + body.get("models") + ",\"max_budget\":"
                    + body.get("max_budget") + ",\"token\":\"hashed-" + key + "\",\"user_id\":null}");
        });
        server.createContext("/key/delete", exchange -> {
            if (!authorized(exchange)) {
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String key = body.path("keys").path(0).asText();
            if (live.remove(key) == null) {
                answer(exchange, 404, "{\"error\":{\"message\":\"Failed to delete all keys. Keys not found\","
                        + "\"type\":\"not_found\",\"param\":\"keys\",\"code\":\"404\"}}");
                return;
            }
            answer(exchange, 200, "{\"deleted_keys\":[\"" + key + "\"]}");
        });
        server.start();
        keys = new LiteLlmKeys(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), MASTER,
                HttpClient.newHttpClient());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static boolean authorized(HttpExchange exchange) throws IOException {
        if (!("Bearer " + MASTER).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"error\":{\"message\":\"Authentication Error, Invalid proxy server token passed."
                    + "\",\"type\":\"auth_error\",\"param\":\"None\",\"code\":\"401\"}}");
            return false;
        }
        return true;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private LlmGrant grant() {
        return new LlmGrant("u-1", List.of("gpt-4o-mini"), new BigDecimal("0.50"), 60, 40000, "b-7",
                clock.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void mintsAKeyWithExactlyTheGrantsLimits() {
        VirtualKey key = keys.generate(VirtualKeyRequest.forGrant(grant(), clock));
        JsonNode sent = generated.getFirst();
        assertEquals("[\"gpt-4o-mini\"]", sent.path("models").toString());
        assertEquals(0, new BigDecimal("0.50").compareTo(sent.path("max_budget").decimalValue()));
        assertEquals(60, sent.path("rpm_limit").asInt());
        assertEquals(40000, sent.path("tpm_limit").asInt());
        assertEquals("1800s", sent.path("duration").asText());
        assertEquals("b-7", sent.path("metadata").path("a2a_build").asText());
        assertTrue(key.key().startsWith("sk-"));
        assertEquals(Instant.parse("2026-11-22T08:30:00.000123Z"), key.expires());
        assertFalse(key.toString().contains(key.key()), "the key never lands in logs");
    }

    @Test
    void deletesTheKeyWhenTheGrantEndsAndToleratesAGoneKey() {
        VirtualKey key = keys.generate(VirtualKeyRequest.forGrant(grant(), clock));
        keys.delete(key.key());
        assertTrue(live.isEmpty());
        keys.delete(key.key());
    }

    @Test
    void aWrongMasterKeyIsAClearPermanentError() {
        LiteLlmKeys wrong = new LiteLlmKeys(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "sk-wrong", HttpClient.newHttpClient());
        LlmException e = assertThrows(LlmException.class,
                () -> wrong.generate(VirtualKeyRequest.forGrant(grant(), clock)));
        assertEquals("litellm_unauthorized", e.code());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("a2a.litellm.master-key"));
    }

    @Test
    void anExpiredGrantGetsNoKey() {
        LlmGrant expired = new LlmGrant("u-1", List.of(), BigDecimal.ONE, 1, 1, "b-1", clock.instant());
        assertThrows(IllegalArgumentException.class, () -> VirtualKeyRequest.forGrant(expired, clock));
    }
}
