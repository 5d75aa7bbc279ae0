package dev.a2acloud.core.llm.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.a2acloud.core.llm.TokenUsage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded model gateway: {@code POST …/v1/chat/completions} (plain and streamed) and {@code GET …/v1/models},
 * mapped under {@code /llm/*}. Each call's bearer is an LLM grant; the gateway enforces its models, budget and rate
 * limits, then forwards the body to the model's upstream and passes the answer through byte for byte. Usage is read
 * from the answer (the final chunk of a stream — the gateway asks for it with {@code stream_options.include_usage})
 * to settle the budget. Refusals use LiteLLM's error shape, so clients written for LiteLLM read them unchanged.
 */
public final class LlmGatewayServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(LlmGatewayServlet.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    /** Tokens estimated per byte of request body: a conservative 1 token per 4 bytes. */
    private static final int BYTES_PER_TOKEN = 4;

    private final transient LlmGrantVerifier verifier;
    private final transient GrantLedger ledger;
    private final transient ModelCatalog catalog;
    private final int defaultMaxTokens;

    public LlmGatewayServlet(LlmGrantVerifier verifier, GrantLedger ledger, ModelCatalog catalog,
                             int defaultMaxTokens) {
        this.verifier = verifier;
        this.ledger = ledger;
        this.catalog = catalog;
        this.defaultMaxTokens = defaultMaxTokens;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        try {
            if (path.endsWith("/v1/chat/completions") || path.endsWith("/chat/completions")) {
                requireMethod(req, "POST");
                chatCompletions(req, resp);
            } else if (path.endsWith("/v1/models") || path.endsWith("/models")) {
                requireMethod(req, "GET");
                models(req, resp);
            } else {
                throw new GatewayError(404, "invalid_request_error", "not_found",
                        "no such gateway route; use /llm/v1/chat/completions or /llm/v1/models", 0);
            }
        } catch (GatewayError e) {
            writeError(resp, e);
        }
    }

    private void chatCompletions(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        GrantLimits grant = verifier.verify(bearer(req));
        byte[] body = readBody(req);
        ObjectNode request = parse(body);
        JsonNode modelNode = request.get("model");
        if (modelNode != null && !modelNode.isTextual()) {
            throw GatewayError.badRequest("invalid_model", "'model' must be a string");
        }
        boolean rewrite = false;
        String model = modelNode == null ? null : modelNode.asText();
        if (model == null || model.isBlank()) {
            model = catalog.defaultModel(grant);
            request.put("model", model);
            rewrite = true;
        }
        if (!grant.mayUse(model)) {
            throw GatewayError.badRequest("model_not_allowed", "model '" + model
                    + "' is not in this grant; allowed: " + grant.models());
        }
        String chosen = model;
        ModelCatalog.Route route = catalog.route(model).orElseThrow(() -> GatewayError.badRequest("model_not_found",
                "the gateway offers no model '" + chosen + "'; offered: " + catalog.models()));
        boolean stream = request.path("stream").asBoolean(false);
        long maxTokens = maxTokens(request);
        if (stream && !request.path("stream_options").path("include_usage").asBoolean(false)) {
            // Without the usage chunk a stream could not be settled from what the model really used.
            JsonNode options = request.get("stream_options");
            (options instanceof ObjectNode o ? o : request.putObject("stream_options")).put("include_usage", true);
            rewrite = true;
        }
        byte[] outgoing = rewrite ? JSON.writeValueAsBytes(request) : body;
        GrantLedger.Reservation reservation = ledger.reserve(grant, route.price(),
                body.length / BYTES_PER_TOKEN + 1, maxTokens);
        Upstream.Reply reply;
        try {
            reply = route.upstream().send(outgoing, stream);
        } catch (HttpTimeoutException | InterruptedIOException e) {
            ledger.release(reservation);
            throw GatewayError.upstream(504, "upstream_timeout", "the model '" + model
                    + "' did not answer in time; retry later");
        } catch (IOException e) {
            ledger.release(reservation);
            throw GatewayError.upstream(502, "upstream_unreachable", "cannot reach the model '" + model + "': "
                    + e.getMessage());
        }
        if (reply.status() >= 400) {
            ledger.release(reservation);
            passThroughError(resp, reply);
            return;
        }
        if (stream) {
            streamThrough(resp, reply, reservation);
        } else {
            byte[] answer;
            try (InputStream in = reply.body()) {
                answer = in.readAllBytes();
            } catch (IOException e) {
                ledger.settle(reservation, null);
                throw GatewayError.upstream(502, "upstream_error", "the model's answer broke off: " + e.getMessage());
            }
            ledger.settle(reservation, usageOf(answer));
            resp.setStatus(reply.status());
            resp.setContentType("application/json");
            resp.setContentLength(answer.length);
            resp.getOutputStream().write(answer);
        }
    }

    private void streamThrough(HttpServletResponse resp, Upstream.Reply reply, GrantLedger.Reservation reservation)
            throws IOException {
        resp.setStatus(reply.status());
        resp.setContentType("text/event-stream");
        resp.setHeader("Cache-Control", "no-cache");
        SseUsageScanner scanner = new SseUsageScanner();
        boolean settled = false;
        try (InputStream in = reply.body()) {
            OutputStream out = resp.getOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n == 0) {
                    continue;
                }
                scanner.feed(buffer, n);
                out.write(buffer, 0, n);
                out.flush();
            }
            ledger.settle(reservation, scanner.usage());
            settled = true;
        } finally {
            if (!settled) {
                // The stream broke off (client gone or upstream failed): the model may have billed, charge the hold.
                ledger.settle(reservation, scanner.usage());
            }
        }
    }

    private void models(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        GrantLimits grant = verifier.verify(bearer(req));
        Set<String> ids = new LinkedHashSet<>();
        for (String model : catalog.models()) {
            if (grant.mayUse(model)) {
                ids.add(model);
            }
        }
        if (!catalog.hasUpstream()) {
            ids.addAll(grant.models());
        }
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        var data = root.putArray("data");
        for (String id : ids) {
            data.addObject().put("id", id).put("object", "model").put("created", 0)
                    .put("owned_by", catalog.hasUpstream() && !"offline".equals(id) ? "upstream" : "a2a-cloud-offline");
        }
        byte[] bytes = JSON.writeValueAsBytes(root);
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private long maxTokens(ObjectNode request) {
        JsonNode value = request.has("max_completion_tokens") ? request.get("max_completion_tokens")
                : request.get("max_tokens");
        if (value == null || value.isNull()) {
            return defaultMaxTokens;
        }
        if (!value.canConvertToLong() || value.asLong() <= 0) {
            throw GatewayError.badRequest("invalid_max_tokens", "max_tokens must be a positive integer");
        }
        return value.asLong();
    }

    static TokenUsage usageOf(byte[] answer) {
        try {
            return usageOf(JSON.readTree(answer));
        } catch (IOException e) {
            return null;
        }
    }

    static TokenUsage usageOf(JsonNode answer) {
        JsonNode usage = answer == null ? null : answer.get("usage");
        if (usage == null || !usage.isObject()) {
            return null;
        }
        return new TokenUsage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0));
    }

    private static void passThroughError(HttpServletResponse resp, Upstream.Reply reply) throws IOException {
        byte[] body;
        try (InputStream in = reply.body()) {
            body = in.readNBytes(64 * 1024);
        }
        resp.setStatus(reply.status());
        resp.setContentType("application/json");
        resp.getOutputStream().write(body);
    }

    private static void requireMethod(HttpServletRequest req, String method) {
        if (!method.equals(req.getMethod())) {
            throw new GatewayError(405, "invalid_request_error", "method_not_allowed",
                    "use " + method + " on " + req.getRequestURI(), 0);
        }
    }

    private static String bearer(HttpServletRequest req) {
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw GatewayError.invalidGrant("send the LLM grant as 'Authorization: Bearer <grant>'");
        }
        return header.substring(7).strip();
    }

    private static byte[] readBody(HttpServletRequest req) throws IOException {
        long declared = req.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw new GatewayError(413, "invalid_request_error", "request_too_large",
                    "the request body is larger than " + MAX_BODY_BYTES + " bytes", 0);
        }
        byte[] body = req.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new GatewayError(413, "invalid_request_error", "request_too_large",
                    "the request body is larger than " + MAX_BODY_BYTES + " bytes", 0);
        }
        return body;
    }

    private static ObjectNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node instanceof ObjectNode object) {
                if (!object.path("messages").isArray()) {
                    throw GatewayError.badRequest("invalid_messages", "'messages' must be an array of chat messages");
                }
                return object;
            }
        } catch (JsonProcessingException e) {
            throw GatewayError.badRequest("invalid_json", "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw GatewayError.badRequest("invalid_json", "the body could not be read: " + e.getMessage());
        }
        throw GatewayError.badRequest("invalid_json", "the body must be a JSON object");
    }

    static void writeError(HttpServletResponse resp, GatewayError e) throws IOException {
        if (resp.isCommitted()) {
            LOG.log(Level.FINE, "gateway error after the answer started: {0}", e.getMessage());
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", e.getMessage()).put("type", e.type()).putNull("param")
                .put("code", e.code());
        byte[] bytes = JSON.writeValueAsBytes(root);
        resp.setStatus(e.status());
        if (e.retryAfterSeconds() > 0) {
            resp.setHeader("retry-after", Long.toString(e.retryAfterSeconds()));
        }
        resp.setContentType("application/json");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** Watches SSE lines as they pass and remembers the last {@code usage} object (the include_usage chunk). */
    static final class SseUsageScanner {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        private TokenUsage usage;

        void feed(byte[] buffer, int length) {
            for (int i = 0; i < length; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    inspect();
                    line.reset();
                } else if (line.size() < 1 << 20) {
                    line.write(b);
                }
            }
        }

        private void inspect() {
            String text = line.toString(java.nio.charset.StandardCharsets.UTF_8);
            if (!text.startsWith("data:") || !text.contains("\"usage\"")) {
                return;
            }
            try {
                TokenUsage found = usageOf(JSON.readTree(text.substring(5).strip()));
                if (found != null) {
                    usage = found;
                }
            } catch (IOException ignored) {
                // not JSON ([DONE] or a comment); nothing to settle from
            }
        }

        TokenUsage usage() {
            return usage;
        }
    }
}
