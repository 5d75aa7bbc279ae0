package dev.a2acloud.controlplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * JSON in and out of the API with the same Jackson 2 mapper the events use, so payload records (and their
 * {@code JsonNode} cards) serialise exactly as on the wire. Bodies are read here, not by Spring's converters, so a
 * malformed body is our 400 with our message.
 */
public final class ApiJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ApiJson() {
    }

    public static ResponseEntity<byte[]> ok(Object body) {
        return status(200, body);
    }

    public static ResponseEntity<byte[]> status(int status, Object body) {
        try {
            return ResponseEntity.status(HttpStatus.valueOf(status)).contentType(MediaType.APPLICATION_JSON)
                    .body(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response", e);
        }
    }

    /** The body as a JSON object, or a 400 that says what is wrong with it. */
    public static JsonNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("invalid_json", "the request body is empty; send a JSON object", null);
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("invalid_json", "the request body must be a JSON object", null);
            }
            return node;
        } catch (IOException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage().split("\n", 2)[0];
            throw ApiException.badRequest("invalid_json", "the request body is not valid JSON: " + detail, null);
        }
    }

    /** A string field: absent → null; present but not a string → 400 naming it. */
    public static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be a string", field);
        }
        return value.asText();
    }

    public static Boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be true or false", field);
        }
        return value.asBoolean();
    }

    public static byte[] errorBody(String code, String message, String field) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        try {
            return MAPPER.writeValueAsBytes(Map.of("error", error));
        } catch (JsonProcessingException e) {
            return ("{\"error\":{\"code\":\"" + code + "\",\"message\":\"error\"}}").getBytes(StandardCharsets.UTF_8);
        }
    }

    public static ResponseEntity<byte[]> error(int status, String code, String message, String field) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(errorBody(code, message, field));
    }
}
