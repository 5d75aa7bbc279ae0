package dev.a2acloud.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible chat-completions server on loopback that plays a script: each request gets the next scripted
 * answer (tool calls, plain text, an HTTP error in LiteLLM's shape, or a stall). Requests are recorded so tests can
 * check what the builder sent back (tool results, the rejection, the resumed transcript).
 */
final class ScriptedModelServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted answer. */
    record Step(int status, String body, long delayMillis) {
    }

    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Step> script = new ConcurrentLinkedQueue<>();
    private final HttpServer server;
    private int counter;

    ScriptedModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> {
            requests.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            Step step = script.poll();
            if (step == null) {
                step = new Step(500, error("script_exhausted", "api_error", "the test script has no more answers"), 0);
            }
            if (step.delayMillis() > 0) {
                try {
                    Thread.sleep(step.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = step.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(step.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (IOException clientGone) {
                // the client timed out first; that is what a stall test wants
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The model calls these tools in one message; each call is {name, argumentsJsonText}. */
    ScriptedModelServer tools(String... nameThenArgs) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        message.putNull("refusal");
        ArrayNode calls = message.putArray("tool_calls");
        for (int i = 0; i < nameThenArgs.length; i += 2) {
            ObjectNode call = calls.addObject().put("id", "call_" + (++counter)).put("type", "function");
            call.putObject("function").put("name", nameThenArgs[i]).put("arguments", nameThenArgs[i + 1]);
        }
        script.add(new Step(200, completion(message, "tool_calls"), 0));
        return this;
    }

    ScriptedModelServer text(String content) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", content);
        message.putNull("refusal");
        script.add(new Step(200, completion(message, "stop"), 0));
        return this;
    }

    ScriptedModelServer fail(int status, String code, String type, String message) {
        script.add(new Step(status, error(code, type, message), 0));
        return this;
    }

    ScriptedModelServer stall(long millis) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", "late");
        message.putNull("refusal");
        script.add(new Step(200, completion(message, "stop"), millis));
        return this;
    }

    private static String completion(ObjectNode message, String finish) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion")
                .put("created", 0).put("model", "scripted");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return root.toString();
    }

    private static String error(String code, String type, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
        return root.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
