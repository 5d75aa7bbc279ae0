package dev.a2acloud.core.llm.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible upstream on loopback that answers instantly with a fixed usage (prompt 30, completion 50
 * tokens), plain or as an SSE stream (with the usage chunk only when {@code stream_options.include_usage} asks),
 * recording every request body and Authorization header it got.
 */
final class LoopbackOpenAiServer implements AutoCloseable {
    static final long PROMPT_TOKENS = 30;
    static final long COMPLETION_TOKENS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    LoopbackOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(body);
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String model = body.path("model").asText();
            String usage = "{\"prompt_tokens\":" + PROMPT_TOKENS + ",\"completion_tokens\":" + COMPLETION_TOKENS
                    + ",\"total_tokens\":" + (PROMPT_TOKENS + COMPLETION_TOKENS) + "}";
            byte[] answer;
            if (body.path("stream").asBoolean()) {
                StringBuilder sse = new StringBuilder();
                sse.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"")
                        .append(model).append("\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",")
                        .append("\"content\":\"hel\"},\"finish_reason\":null}]}\n\n");
                sse.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"")
                        .append(model).append("\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},")
                        .append("\"finish_reason\":\"stop\"}]}\n\n");
                if (body.path("stream_options").path("include_usage").asBoolean()) {
                    sse.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"")
                            .append(model).append("\",\"choices\":[],\"usage\":").append(usage).append("}\n\n");
                }
                sse.append("data: [DONE]\n\n");
                answer = sse.toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            } else {
                answer = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"" + model
                        + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hello\","
                        + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":" + usage + "}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
