package dev.a2acloud.functions.support.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.events.BinaryHttpMessage;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildValidated;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.Origin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import dev.a2acloud.functions.support.spring.sample.TrivialStepApp;

/** The in-process CloudEvent test: a running app on a random port, POSTed to the way a Knative Trigger does. */
class StepFunctionHttpTest {
    static ConfigurableApplicationContext app;
    static URI url;
    final EventCodec codec = new EventCodec();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(TrivialStepApp.class)
                .properties("server.port=0", "server.address=127.0.0.1", "a2a.step.name=sandbox-validate",
                        "spring.main.banner-mode=off")
                .run();
        url = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private HttpResponse<byte[]> post(String agent) throws Exception {
        BinaryHttpMessage message = codec.encodeHttp(
                new BuildGenerated("b-" + agent, agent, "u-1", "1.0.0", 1, Origin.PROMPT, "agents/" + agent + "/"), "generate");
        return http.send(message.post(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private BuildEvent decode(HttpResponse<byte[]> response) {
        return codec.decodeHttp(response.headers(), response.body());
    }

    @Test
    void repliesWithTheNextEventInBinaryMode() throws Exception {
        HttpResponse<byte[]> response = post("echo");
        assertEquals(200, response.statusCode(), new String(response.body()));
        assertEquals("dev.a2acloud.build.validated", response.headers().firstValue("ce-type").orElseThrow());
        assertEquals("b-echo.validated.1", response.headers().firstValue("ce-id").orElseThrow());
        assertEquals("/a2a-cloud/sandbox-validate", response.headers().firstValue("ce-source").orElseThrow());
        BuildValidated reply = (BuildValidated) decode(response);
        assertEquals("echo", reply.agent());
    }

    @Test
    void retryableFailureIs503() throws Exception {
        HttpResponse<byte[]> response = post("busy");
        assertEquals(503, response.statusCode());
        assertTrue(new String(response.body()).contains("sandbox pool is full"));
    }

    @Test
    void permanentFailureIsABuildFailedReply() throws Exception {
        HttpResponse<byte[]> response = post("broken");
        assertEquals(200, response.statusCode());
        BuildFailed failed = (BuildFailed) decode(response);
        assertEquals("sandbox-validate", failed.stage());
        assertTrue(failed.reason().contains("entrypoint"));
    }

    @Test
    void noReplyIs202() throws Exception {
        assertEquals(202, post("quiet").statusCode());
    }

    @Test
    void aMalformedEventIs400() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url).header("ce-specversion", "1.0").header("ce-id", "x")
                .header("ce-source", "/s").header("ce-type", "dev.a2acloud.build.unheard-of")
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("unknown event type"), response.body());
    }

    @Test
    void healthz() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
    }
}
