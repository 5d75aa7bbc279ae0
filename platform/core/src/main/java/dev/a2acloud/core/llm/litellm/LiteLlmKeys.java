package dev.a2acloud.core.llm.litellm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.a2acloud.core.llm.LlmException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * LiteLLM's key management API, used by the control plane (the only holder of the master key): one virtual key per
 * LLM grant via {@code POST /key/generate}, deleted via {@code POST /key/delete} when the grant ends. LiteLLM then
 * enforces the grant's models, budget, rpm and tpm on every call the agent makes with that key.
 */
public final class LiteLlmKeys {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String masterKey;
    private final HttpClient http;

    public LiteLlmKeys(URI baseUrl, String masterKey, HttpClient http) {
        if (masterKey == null || masterKey.isBlank()) {
            throw new IllegalArgumentException("a2a.litellm.master-key is required to mint LiteLLM keys");
        }
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.masterKey = masterKey;
        this.http = http;
    }

    public VirtualKey generate(VirtualKeyRequest request) {
        ObjectNode body = JSON.createObjectNode();
        request.models().forEach(body.putArray("models")::add);
        body.put("max_budget", request.maxBudget());
        if (request.rpmLimit() > 0) {
            body.put("rpm_limit", request.rpmLimit());
        }
        if (request.tpmLimit() > 0) {
            body.put("tpm_limit", request.tpmLimit());
        }
        body.put("duration", request.durationText());
        body.put("key_alias", request.keyAlias());
        ObjectNode metadata = body.putObject("metadata");
        request.metadata().forEach(metadata::put);
        JsonNode answer = post("/key/generate", body);
        String key = answer.path("key").asText(null);
        if (key == null || key.isBlank()) {
            throw new LlmException("litellm_bad_answer", 502, "LiteLLM's /key/generate answered without a key", true);
        }
        return new VirtualKey(key, answer.path("key_alias").asText(request.keyAlias()), expires(answer));
    }

    /** Deletes the key; a key LiteLLM no longer knows is already gone, which is what the caller wants. */
    public void delete(String key) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("keys").add(key);
        try {
            post("/key/delete", body);
        } catch (LlmException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
        }
    }

    private JsonNode post(String path, ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + masterKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LlmException("litellm_unreachable", 0, "cannot reach LiteLLM at " + baseUrl + ": "
                    + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted", 0, "interrupted while calling LiteLLM", true, e);
        }
        int status = response.statusCode();
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        if (status / 100 == 2) {
            return json;
        }
        String message = json.path("error").path("message").asText(json.path("detail").asText(response.body()));
        if (status == 401 || status == 403) {
            throw new LlmException("litellm_unauthorized", status, "LiteLLM refused the master key (HTTP " + status
                    + "): " + message + "; check a2a.litellm.master-key", false);
        }
        throw new LlmException("litellm_error", status, "LiteLLM " + path + " answered HTTP " + status + ": "
                + message, status == 429 || status >= 500);
    }

    private static Instant expires(JsonNode answer) {
        String text = answer.path("expires").asText(null);
        if (text == null || text.isBlank() || "null".equals(text)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                // LiteLLM writes naive UTC datetimes, e.g. 2026-11-22T09:00:00.123456
                return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
