package dev.a2acloud.core.llm.gateway.bench;

import com.sun.net.httpserver.HttpServer;
import dev.a2acloud.core.grants.GrantIssuer;
import dev.a2acloud.core.grants.GrantVerifier;
import dev.a2acloud.core.grants.LlmGrant;
import dev.a2acloud.core.grants.SigningKeys;
import dev.a2acloud.core.llm.gateway.GrantLedger;
import dev.a2acloud.core.llm.gateway.HttpUpstream;
import dev.a2acloud.core.llm.gateway.LlmGatewayServlet;
import dev.a2acloud.core.llm.gateway.ModelCatalog;
import dev.a2acloud.core.llm.gateway.ModelPrice;
import dev.a2acloud.core.llm.gateway.OfflineUpstream;
import dev.a2acloud.core.llm.gateway.PlatformLlmGrantVerifier;
import dev.a2acloud.core.llm.offline.OfflineModel;
import java.io.File;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The model gateway's added latency: the same chat-completions request sent straight to an instant loopback upstream
 * and through the gateway (servlet in Tomcat: grant check, reservation, forward, usage settlement), sequentially for
 * p50/p99, then concurrently for requests/s. Prints a table, then one JSON line.
 */
public final class GatewayBench {
    private static final String BODY = "{\"model\":\"bench-model\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Say hello to the benchmark in one short sentence, please.\"}]}";
    private static final byte[] ANSWER = ("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":0,\"model\":"
            + "\"bench-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":5,"
            + "\"total_tokens\":25}}").getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.requests", 3000);
        int concurrency = Integer.getInteger("bench.concurrency", 8);
        int seconds = Integer.getInteger("bench.seconds", 5);

        HttpServer upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        upstream.setExecutor(Executors.newFixedThreadPool(16));
        upstream.createContext("/v1/chat/completions", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, ANSWER.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(ANSWER);
            }
        });
        upstream.start();
        String upstreamUrl = "http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1";

        Clock clock = Clock.systemUTC();
        SigningKeys keys = SigningKeys.inMemory(clock, Duration.ofHours(1));
        String grant = new GrantIssuer(keys, "bench", clock).llmToken(new LlmGrant("u-bench", List.of("bench-model"),
                new BigDecimal("1000000"), 0, 0, "b-bench", clock.instant().plus(Duration.ofHours(1))));
        LlmGatewayServlet servlet = new LlmGatewayServlet(
                new PlatformLlmGrantVerifier(new GrantVerifier(keys, "bench", clock), clock), new GrantLedger(clock),
                new ModelCatalog(Map.of("bench-model", new ModelPrice(BigDecimal.ONE, BigDecimal.TWO)),
                        new HttpUpstream(upstreamUrl, "sk-bench", Duration.ofSeconds(30)),
                        new OfflineUpstream(new OfflineModel()), ModelPrice.FREE), 4096);
        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("gateway-bench").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.getAbsolutePath());
        Tomcat.addServlet(context, "llm", servlet);
        context.addServletMappingDecoded("/llm/*", "llm");
        tomcat.start();
        String gatewayUrl = "http://127.0.0.1:" + connector.getLocalPort() + "/llm/v1";

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest direct = request(upstreamUrl, "sk-bench");
        HttpRequest viaGateway = request(gatewayUrl, grant);
        check(http, direct);
        check(http, viaGateway);
        for (int i = 0; i < Math.min(2000, requests); i++) { // warm both paths (JIT, connections)
            http.send(direct, HttpResponse.BodyHandlers.discarding());
            http.send(viaGateway, HttpResponse.BodyHandlers.discarding());
        }
        long[] directNanos = new long[requests];
        long[] gatewayNanos = new long[requests];
        for (int i = 0; i < requests; i++) { // interleaved, so both see the same machine load
            directNanos[i] = time(http, direct);
            gatewayNanos[i] = time(http, viaGateway);
        }
        double directRps = throughput(http, direct, concurrency, seconds);
        double gatewayRps = throughput(http, viaGateway, concurrency, seconds);
        tomcat.stop();
        tomcat.destroy();
        upstream.stop(0);

        double d50 = percentile(directNanos, 50);
        double d99 = percentile(directNanos, 99);
        double g50 = percentile(gatewayNanos, 50);
        double g99 = percentile(gatewayNanos, 99);
        System.out.printf(Locale.ROOT, "%-26s %10s %10s %12s%n", "path (" + requests + " sequential)", "p50 ms",
                "p99 ms", "req/s (" + concurrency + "x)");
        System.out.printf(Locale.ROOT, "%-26s %10.3f %10.3f %12.0f%n", "direct to upstream", d50, d99, directRps);
        System.out.printf(Locale.ROOT, "%-26s %10.3f %10.3f %12.0f%n", "through the gateway", g50, g99, gatewayRps);
        System.out.printf(Locale.ROOT, "%-26s %10.3f %10.3f%n", "added by the gateway", g50 - d50, g99 - d99);
        System.out.printf(Locale.ROOT, "goal: < 1 ms added at p50 -> %s%n", g50 - d50 < 1.0 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "{\"suite\":\"gateway\",\"requests\":%d,\"direct_p50_ms\":%.3f,"
                        + "\"direct_p99_ms\":%.3f,\"gateway_p50_ms\":%.3f,\"gateway_p99_ms\":%.3f,"
                        + "\"added_p50_ms\":%.3f,\"added_p99_ms\":%.3f,\"direct_rps\":%.0f,\"gateway_rps\":%.0f,"
                        + "\"concurrency\":%d}%n", requests, d50, d99, g50, g99, g50 - d50, g99 - d99, directRps,
                gatewayRps, concurrency);
        System.exit(0);
    }

    private static HttpRequest request(String baseUrl, String bearer) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
    }

    private static void check(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static long time(HttpClient http, HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long took = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
        }
        return took;
    }

    private static double throughput(HttpClient http, HttpRequest request, int concurrency, int seconds)
            throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int i = 0; i < concurrency; i++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        done.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 30L, java.util.concurrent.TimeUnit.SECONDS);
        return done.get() / (double) seconds;
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
