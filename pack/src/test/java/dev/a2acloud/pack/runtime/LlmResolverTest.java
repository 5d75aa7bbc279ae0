package dev.a2acloud.pack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.a2acloud.pack.LlmCredentials;
import dev.a2acloud.pack.LlmCredentials.Source;
import dev.a2acloud.pack.LlmMode;
import dev.a2acloud.pack.PackException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Credential resolution in each LLM mode: caller creds, then the agent's env (BYOK), then the platform grant. */
class LlmResolverTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> ENV = Map.of("A2A_LLM_API_KEY", "agent-key", "A2A_LLM_BASE_URL", "https://byok.example/v1",
            "A2A_PLATFORM_URL", "http://platform:8080/");

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    static final String CALLER = "{\"api_key\":\"caller-key\",\"base_url\":\"https://caller.example/v1\",\"model\":\"c-model\"}";
    static final String PLATFORM = "{\"token\":\"grant-jwt\",\"baseUrl\":\"http://gw/llm/v1\"}";

    LlmCredentials resolve(LlmMode mode, String creds, Map<String, String> env) throws Exception {
        return new LlmResolver(mode, "declared-model", env).resolve(creds == null ? null : json(creds));
    }

    @Test
    void platformModeUsesOnlyTheGrant() throws Exception {
        LlmCredentials c = resolve(LlmMode.PLATFORM, PLATFORM, ENV);
        assertEquals(Source.PLATFORM, c.source());
        assertEquals("grant-jwt", c.apiKey());
        assertEquals("http://gw/llm/v1", c.baseUrl());
        assertEquals("declared-model", c.model());
        // Without baseUrl the platform's gateway path is used.
        assertEquals("http://platform:8080/llm/v1", resolve(LlmMode.PLATFORM, "{\"token\":\"t\"}", ENV).baseUrl());
        PackException e = assertThrows(PackException.class, () -> resolve(LlmMode.PLATFORM, CALLER, ENV));
        assertEquals("llm_creds", e.field());
        assertTrue(e.getMessage().contains("caller credentials were given but this mode does not accept them"), e.getMessage());
    }

    @Test
    void callerProvidedModeUsesOnlyCallerCreds() throws Exception {
        LlmCredentials c = resolve(LlmMode.CALLER_PROVIDED, CALLER, ENV);
        assertEquals(Source.CALLER, c.source());
        assertEquals("caller-key", c.apiKey());
        assertEquals("https://caller.example/v1", c.baseUrl());
        assertEquals("c-model", c.model());
        PackException e = assertThrows(PackException.class, () -> resolve(LlmMode.CALLER_PROVIDED, PLATFORM, ENV));
        assertTrue(e.getMessage().contains("caller_provided"), e.getMessage());
        assertThrows(PackException.class, () -> resolve(LlmMode.CALLER_PROVIDED, null, ENV));
    }

    @Test
    void platformOrCallerPrefersTheCaller() throws Exception {
        assertEquals(Source.CALLER, resolve(LlmMode.PLATFORM_OR_CALLER_PROVIDED, CALLER, ENV).source());
        assertEquals(Source.PLATFORM, resolve(LlmMode.PLATFORM_OR_CALLER_PROVIDED, PLATFORM, ENV).source());
        assertThrows(PackException.class, () -> resolve(LlmMode.PLATFORM_OR_CALLER_PROVIDED, "{}", ENV));
    }

    @Test
    void agentByokUsesTheAgentEnvironmentOnly() throws Exception {
        LlmCredentials c = resolve(LlmMode.AGENT_BYOK, CALLER, ENV);
        assertEquals(Source.AGENT_ENV, c.source());
        assertEquals("agent-key", c.apiKey());
        assertEquals("https://byok.example/v1", c.baseUrl());
        PackException e = assertThrows(PackException.class, () -> resolve(LlmMode.AGENT_BYOK, PLATFORM, Map.of()));
        assertTrue(e.getMessage().contains("A2A_LLM_API_KEY"), e.getMessage());
    }

    @Test
    void credentialsNeverPrintTheKey() throws Exception {
        assertTrue(!resolve(LlmMode.CALLER_PROVIDED, CALLER, ENV).toString().contains("caller-key"));
    }
}
