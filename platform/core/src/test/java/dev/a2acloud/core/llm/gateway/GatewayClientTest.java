package dev.a2acloud.core.llm.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.core.llm.ChatMessage;
import dev.a2acloud.core.llm.ChatReply;
import dev.a2acloud.core.llm.ChatRequest;
import dev.a2acloud.core.llm.LlmException;
import dev.a2acloud.core.llm.OpenAiChatModel;
import dev.a2acloud.core.llm.ToolSpec;
import dev.a2acloud.core.llm.offline.BuildBrief;
import dev.a2acloud.core.llm.offline.OfflineModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our OpenAI SDK client through the gateway to the offline model: plain, streamed, tool calls, and refusals. */
class GatewayClientTest {
    private final Map<String, GrantLimits> grants = Map.of(
            "good", new GrantLimits("g-good", "u-1", List.of(), BigDecimal.ONE, 0, 0, Instant.now().plusSeconds(600)),
            "broke", new GrantLimits("g-broke", "u-1", List.of(), BigDecimal.ZERO, 0, 0,
                    Instant.now().plusSeconds(600)));
    private GatewayServer gateway;

    @BeforeEach
    void start() throws Exception {
        LlmGrantVerifier verifier = token -> {
            GrantLimits limits = grants.get(token);
            if (limits == null) {
                throw GatewayError.invalidGrant("unknown grant");
            }
            return limits;
        };
        ModelCatalog catalog = new ModelCatalog(Map.of(), null, new OfflineUpstream(new OfflineModel()),
                new ModelPrice(BigDecimal.ONE, BigDecimal.ONE));
        gateway = new GatewayServer(new LlmGatewayServlet(verifier, new GrantLedger(java.time.Clock.systemUTC()),
                catalog, 100));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    private OpenAiChatModel client(String token) {
        return new OpenAiChatModel(gateway.baseUrl(), token, Duration.ofSeconds(10));
    }

    @Test
    void completesAndStreamsPlainChat() {
        try (OpenAiChatModel model = client("good")) {
            ChatRequest request = new ChatRequest("offline", List.of(ChatMessage.user("hello")), List.of(), 100);
            ChatReply reply = model.complete(request);
            assertEquals("offline", reply.model());
            assertTrue(reply.message().content().startsWith(OfflineModel.PREFIX));
            assertTrue(reply.usage().total() > 0);
            List<String> deltas = new ArrayList<>();
            ChatReply streamed = model.stream(request, deltas::add);
            assertEquals(reply.message().content(), String.join("", deltas));
            assertEquals(reply.message().content(), streamed.message().content());
        }
    }

    @Test
    void toolCallsComeBackAsToolCalls() {
        List<ToolSpec> tools = List.of(
                new ToolSpec("init_agent_template", "template", Map.of("type", "object", "properties", Map.of())),
                new ToolSpec("finish", "done", Map.of("type", "object", "properties", Map.of())));
        ChatRequest request = new ChatRequest("offline", List.of(ChatMessage.system("rules"),
                ChatMessage.user(new BuildBrief("echo", "1.0.0", "echo text").render())), tools, 100);
        try (OpenAiChatModel model = client("good")) {
            ChatReply reply = model.complete(request);
            assertEquals("tool_calls", reply.finishReason());
            assertEquals("init_agent_template", reply.message().toolCalls().get(1).name());
            ChatReply streamed = model.stream(request, delta -> { });
            assertEquals(reply.message().toolCalls(), streamed.message().toolCalls());
        }
    }

    @Test
    void refusalsKeepTheirCodes() {
        ChatRequest request = new ChatRequest("offline", List.of(ChatMessage.user("hello")), List.of(), 100);
        try (OpenAiChatModel broke = client("broke"); OpenAiChatModel nobody = client("nobody")) {
            LlmException budget = assertThrows(LlmException.class, () -> broke.complete(request));
            assertEquals("budget_exceeded", budget.code());
            assertFalse(budget.retryable());
            LlmException auth = assertThrows(LlmException.class, () -> nobody.complete(request));
            assertEquals("invalid_grant", auth.code());
            assertEquals(401, auth.httpStatus());
        }
    }
}
