package dev.a2acloud.local.serving;

import dev.a2acloud.core.serving.ServingException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Knative's activator, locally: {@code /agents/{name}/**} is held while an instance of the serving revision starts,
 * then proxied to it with bodies streamed both ways (SSE passes through as it is written). Register it for
 * {@code /agents/*}.
 */
public final class Activator extends HttpServlet {
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    /** Bodies up to this size are read before forwarding so a request can be retried on a replacement instance. */
    private static final int BUFFERED_BODY_LIMIT = 1 << 20;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "trailers", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "http2-settings");

    private final transient LocalServing serving;
    private final transient HttpClient http;

    public Activator(LocalServing serving) {
        this.serving = serving;
        this.http = serving.http();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/agents")) {
            path = path.substring("/agents".length());
        }
        int slash = path.indexOf('/', 1);
        String name = slash < 0 ? path.substring(Math.min(1, path.length())) : path.substring(1, slash);
        if (!NAME.matcher(name).matches()) {
            error(response, 404, "not_found", "no agent at " + request.getRequestURI()
                    + "; agent URLs look like /agents/{name}/");
            return;
        }
        if (slash < 0) {
            // The agent's URL ends with '/', so relative links in its pages resolve under it.
            String query = request.getQueryString();
            response.setStatus(308);
            response.setHeader("Location", request.getRequestURI() + "/" + (query == null ? "" : "?" + query));
            return;
        }
        String upstreamPath = path.substring(slash);
        String query = request.getQueryString();
        byte[] buffered = bufferIfSmall(request);
        for (int attempt = 1; ; attempt++) {
            Optional<Lease> lease;
            try {
                lease = serving.acquire(name);
            } catch (ServingException e) {
                response.setHeader("Retry-After", "1");
                error(response, 503, "unavailable", e.getMessage());
                return;
            }
            if (lease.isEmpty()) {
                error(response, 404, "not_found", "no agent named " + name + " is deployed");
                return;
            }
            try (Lease held = lease.get()) {
                if (forward(request, response, held, upstreamPath, query, buffered, attempt)) {
                    return;
                }
            }
        }
    }

    /** True when the exchange is finished (answered or failed for good); false to retry on another instance. */
    private boolean forward(HttpServletRequest request, HttpServletResponse response, Lease lease, String path,
                            String query, byte[] buffered, int attempt) throws IOException {
        URI target = URI.create(lease.instance().base + path + (query == null ? "" : "?" + query));
        HttpRequest.Builder upstream = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(lease.revision().template.timeoutSeconds()));
        copyRequestHeaders(request, upstream);
        String method = request.getMethod();
        HttpRequest.BodyPublisher body = buffered != null
                ? (buffered.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(buffered))
                : HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return request.getInputStream();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        upstream.method(method, body);
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(upstream.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            // The instance is gone (crashed or killed): replace it. A buffered body can be sent again at once.
            lease.crashed();
            if (buffered != null && attempt < 3) {
                return false;
            }
            error(response, 502, "instance_gone", "the instance of " + lease.revision().name
                    + " stopped while taking this request; retry");
            return true;
        } catch (HttpTimeoutException e) {
            error(response, 504, "timeout", lease.revision().name + " did not answer within "
                    + lease.revision().template.timeoutSeconds() + " s (timeoutSeconds)");
            return true;
        } catch (IOException e) {
            if (!lease.instance().process.alive()) {
                lease.crashed();
                if (buffered != null && attempt < 3) {
                    return false;
                }
            } else if (buffered != null && attempt == 1) {
                return false; // most likely a pooled connection the instance had just closed as idle: once more
            }
            error(response, 502, "bad_gateway", "the instance of " + lease.revision().name + " failed: " + e);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(response, 503, "unavailable", "interrupted");
            return true;
        }
        response.setStatus(answer.statusCode());
        for (Map.Entry<String, List<String>> header : answer.headers().map().entrySet()) {
            String key = header.getKey().toLowerCase(Locale.ROOT);
            if (key.startsWith(":") || (HOP_BY_HOP.contains(key) && !key.equals("content-length"))) {
                continue;
            }
            for (String value : header.getValue()) {
                response.addHeader(header.getKey(), value);
            }
        }
        try (InputStream in = answer.body()) {
            OutputStream out = response.getOutputStream();
            byte[] chunk = new byte[16 * 1024];
            int read;
            while ((read = in.read(chunk)) >= 0) {
                out.write(chunk, 0, read);
                if (in.available() == 0) {
                    out.flush(); // nothing more buffered: pass what we have on now (event streams)
                }
            }
        }
        return true;
    }

    private static byte[] bufferIfSmall(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length == 0 || (length < 0 && request.getHeader("Transfer-Encoding") == null)) {
            return new byte[0];
        }
        if (length > 0 && length <= BUFFERED_BODY_LIMIT) {
            return request.getInputStream().readNBytes((int) length);
        }
        return null;
    }

    private static void copyRequestHeaders(HttpServletRequest request, HttpRequest.Builder upstream) {
        Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            String key = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(key) || key.startsWith("x-forwarded-")) {
                continue;
            }
            Enumeration<String> values = request.getHeaders(name);
            while (values.hasMoreElements()) {
                upstream.header(name, values.nextElement());
            }
        }
        String host = request.getHeader("Host");
        if (host != null) {
            upstream.header("X-Forwarded-Host", host);
        }
        upstream.header("X-Forwarded-Proto", request.getScheme());
        upstream.header("X-Forwarded-For", request.getRemoteAddr());
    }

    private static void error(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        String body = "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + escape(message) + "\"}}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : String.valueOf(text).toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
