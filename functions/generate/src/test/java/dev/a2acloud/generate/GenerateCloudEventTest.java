package dev.a2acloud.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.a2acloud.core.grants.BuildGrants;
import dev.a2acloud.core.llm.gateway.OfflineUpstream;
import dev.a2acloud.core.llm.gateway.Upstream;
import dev.a2acloud.core.llm.offline.OfflineModel;
import dev.a2acloud.events.BinaryHttpMessage;
import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildRequested;
import dev.a2acloud.events.EventCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The generate app in-process on a random port, POSTed a binary-mode CloudEvent the way a Knative Trigger does.
 * Behind it a loopback server keeps the control plane's contracts the step uses (grant exchange, workspace files)
 * and serves the offline model at the grant's gateway URL.
 */
class GenerateCloudEventTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static ConfigurableApplicationContext app;
    static HttpServer controlPlane;
    static URI url;
    static final ConcurrentSkipListMap<String, byte[]> workspace = new ConcurrentSkipListMap<>();
    static final OfflineUpstream offline = new OfflineUpstream(new OfflineModel());

    @BeforeAll
    static void start() throws IOException {
        controlPlane = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        controlPlane.createContext("/", GenerateCloudEventTest::controlPlane);
        controlPlane.start();
        app = new SpringApplicationBuilder(GenerateApplication.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "a2a.step.name=generate",
                        "A2A_CONTROL_PLANE_URL=" + base(), "A2A_SERVICE_TOKEN=svc")
                .run();
        url = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/");
    }

    @AfterAll
    static void stop() {
        app.close();
        controlPlane.stop(0);
    }

    static String base() {
        return "http://127.0.0.1:" + controlPlane.getAddress().getPort();
    }

    private static void controlPlane(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        byte[] body = ex.getRequestBody().readAllBytes();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        int status = 404;
        byte[] answer = "{\"error\":{\"code\":\"not_found\",\"message\":\"no such file\"}}".getBytes();
        String files = "/v1/workspace/files/";
        if (path.matches("/v1/builds/b-[0-9]+/grants") && "Bearer svc".equals(auth)) {
            Instant later = Instant.now().plusSeconds(600);
            status = 200;
            answer = new BuildGrants(path.split("/")[3], "u-1", "echo",
                    new BuildGrants.Workspace("ws-grant", "u-1", "agents/echo/", later),
                    new BuildGrants.Llm("llm-grant", base() + "/llm/v1", List.of("offline"), later),
                    new BuildGrants.ControlPlane("user-jwt", later)).toJson().getBytes();
        } else if (path.equals("/llm/v1/chat/completions") && "Bearer llm-grant".equals(auth)) {
            Upstream.Reply reply = offline.send(body, false);
            status = reply.status();
            answer = reply.body().readAllBytes();
        } else if (path.startsWith(files + "agents/echo/") && "Bearer ws-grant".equals(auth)) {
            String file = path.substring(files.length());
            if ("PUT".equals(ex.getRequestMethod())) {
                workspace.put(file, body);
                status = 200;
                answer = ("{\"path\":\"" + file + "\",\"size\":" + body.length + ",\"sha256\":\"x\"}").getBytes();
            } else if (file.endsWith("/")) {
                ObjectNode list = JSON.createObjectNode();
                ArrayNode entries = list.putArray("entries");
                workspace.forEach((p, b) -> {
                    if (p.startsWith(file)) {
                        entries.addObject().put("path", p).put("size", b.length);
                    }
                });
                status = 200;
                answer = list.toString().getBytes();
            } else if (workspace.containsKey(file)) {
                status = 200;
                answer = workspace.get(file);
            }
        }
        ex.sendResponseHeaders(status, answer.length);
        ex.getResponseBody().write(answer);
        ex.close();
    }

    @Test
    void requestedInGeneratedOut() throws Exception {
        EventCodec codec = new EventCodec();
        BinaryHttpMessage message = codec.encodeHttp(new BuildRequested("b-1", "echo", "u-1", "1.0.0", 1,
                "An agent that greets people.", false, 0), "control-plane");
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(message.post(url).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), new String(response.body()));
        assertEquals("dev.a2acloud.build.generated", response.headers().firstValue("ce-type").orElseThrow());
        assertEquals("/a2a-cloud/generate", response.headers().firstValue("ce-source").orElseThrow());
        BuildGenerated generated = (BuildGenerated) codec.decodeHttp(response.headers(), response.body());
        assertEquals("agents/echo/", generated.sourcePrefix());
        assertTrue(new String(workspace.get("agents/echo/agent/Agent.java")).contains("greet"));
        assertTrue(workspace.containsKey("agents/echo/.a2a/transcript.json"));
    }
}
