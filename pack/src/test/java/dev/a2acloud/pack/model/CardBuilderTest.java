package dev.a2acloud.pack.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.a2acloud.pack.Fixtures;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The card validates against JSON Schemas written from the A2A 1.0 proto and the 0.3 JSON schema. */
class CardBuilderTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Set<ValidationMessage> validate(String schemaResource, JsonNode card) throws Exception {
        try (InputStream in = CardBuilderTest.class.getResourceAsStream(schemaResource)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            return schema.validate(card);
        }
    }

    @Test
    void cardIsValidFor10And03() throws Exception {
        for (boolean bearer : new boolean[]{false, true}) {
            JsonNode card = CardBuilder.build(Fixtures.model(), "https://agents.example/agents/test-agent/", bearer);
            assertEquals(Set.of(), validate("/a2a/agent-card-1.0.schema.json", card), card.toPrettyString());
            assertEquals(Set.of(), validate("/a2a/agent-card-0.3.schema.json", card), card.toPrettyString());
        }
    }

    @Test
    void schemaCatchesABrokenCard() throws Exception {
        var card = CardBuilder.build(Fixtures.model(), "https://a.example/", false);
        card.remove("supportedInterfaces");
        ((com.fasterxml.jackson.databind.node.ObjectNode) card.path("skills").get(0)).remove("tags");
        assertFalse(validate("/a2a/agent-card-1.0.schema.json", card).isEmpty());
        card.remove("url");
        assertFalse(validate("/a2a/agent-card-0.3.schema.json", card).isEmpty());
    }

    @Test
    void runtimeDeclarationsLiveInTheExtension() {
        JsonNode card = CardBuilder.build(Fixtures.model(), "https://a.example/", false);
        assertEquals("https://a.example/", card.path("url").asText());
        assertEquals("0.3.0", card.path("protocolVersion").asText());
        assertEquals("JSONRPC", card.path("preferredTransport").asText());
        assertEquals("1.0", card.path("supportedInterfaces").get(0).path("protocolVersion").asText());
        JsonNode ext = card.path("capabilities").path("extensions").get(0);
        assertEquals(CardBuilder.RUNTIME_EXTENSION, ext.path("uri").asText());
        JsonNode params = ext.path("params");
        assertEquals(3, params.path("runtime").path("concurrency").asInt());
        assertEquals("microsandbox", params.path("runtime").path("sandbox").asText());
        assertEquals("256Mi", params.path("runtime").path("resources").path("memory").asText());
        assertTrue(params.path("runtime").path("egress").path("deny_internet_by_default").asBoolean());
        assertEquals("platform_or_caller_provided", params.path("llm").path("mode").asText());
        assertEquals("echo", params.path("default_skill").asText());
        assertEquals(5.0, params.path("skills").path("echo").path("policy").path("timeout_seconds").asDouble());
        assertEquals("free", params.path("skills").path("add").path("policy").path("cost_class").asText());
        assertTrue(params.path("skills").path("add").path("policy").path("idempotent").asBoolean());
        JsonNode input = params.path("skills").path("shape").path("input_schema");
        assertEquals("object", input.path("properties").path("point").path("type").asText());
        assertEquals("x coordinate", input.path("properties").path("point").path("properties").path("x").path("description").asText());
        assertEquals("[\"HAPPY\",\"SAD\"]", input.path("properties").path("mood").path("enum").toString());
        assertEquals("array", input.path("properties").path("labels").path("type").asText());
        assertFalse(input.path("required").toString().contains("note"));
        assertEquals("integer", params.path("skills").path("add").path("output_schema").path("type").asText());
        for (String unknown : new String[]{"runtime", "llm", "policies"}) {
            assertFalse(card.has(unknown), "no unknown top-level field " + unknown);
        }
    }

    @Test
    void sameModelSameCard() {
        assertEquals(CardBuilder.build(Fixtures.model(), "u", false), CardBuilder.build(Fixtures.model(), "u", false));
    }
}
