package dev.a2acloud.functions.cardprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildLive;
import dev.a2acloud.events.BuildSynced;
import dev.a2acloud.events.EventCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The card-probe app in-process on a random port, POSTed to the way a Knative Trigger does; the deployed agent is
 * a loopback server answering the card and JSON-RPC as the pack runtime does.
 */
class CardProbeCloudEventTest {
    static ConfigurableApplicationContext app;
    static HttpServer agent;
    static URI url;
    private final EventCodec codec = new EventCodec();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        agent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        agent.createContext("/agents/echo/", exchange -> {
            boolean card = exchange.getRequestURI().getPath().endsWith("/.well-known/agent-card.json");
            String body = card ? "{\"name\":\"echo\",\"version\":\"1.0.0\",\"skills\":[{\"id\":\"echo\"}]}"
                    : "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"result\":{\"kind\":\"task\",\"id\":\"t-1\"}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        agent.start();
        app = new SpringApplicationBuilder(CardProbeApplication.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "A2A_PROBE_TIMEOUT_SECONDS=10")
                .run();
        url = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/");
    }

    @AfterAll
    static void stop() {
        app.close();
        agent.stop(0);
    }

    @Test
    void syncedInLiveOut() throws Exception {
        String agentUrl = "http://127.0.0.1:" + agent.getAddress().getPort() + "/agents/echo/";
        BuildSynced synced = new BuildSynced("b-1", "echo", "u-1", "1.0.0", 1, "c".repeat(40), "echo-00001",
                agentUrl, new ObjectMapper().readTree("{\"skills\":[{\"id\":\"echo\"}]}"));
        HttpResponse<byte[]> response = http.send(codec.encodeHttp(synced, "argo-sync").post(url).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        BuildEvent reply = codec.decodeHttp(response.headers(), response.body());
        BuildLive live = assertInstanceOf(BuildLive.class, reply);
        assertEquals(agentUrl, live.url());
        assertEquals(List.of("echo"), live.skills());
        assertEquals("/a2a-cloud/card-probe", response.headers().firstValue("ce-source").orElseThrow());
    }
}
