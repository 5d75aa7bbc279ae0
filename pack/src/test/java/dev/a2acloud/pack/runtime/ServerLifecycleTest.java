package dev.a2acloud.pack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.pack.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ServerLifecycleTest {
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void gracefulShutdownLetsRunningSkillsFinish() throws Exception {
        AgentServer server = new AgentServer(Fixtures.model(), ServerConfig.loopback(Map.of()), getClass().getClassLoader());
        String base = "http://127.0.0.1:" + server.start();
        CompletableFuture<HttpResponse<String>> running = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/invoke/wait"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"arguments\":{\"seconds\":1}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 500 && server.running() == 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(1, server.running());
        long t0 = System.nanoTime();
        server.stop();
        HttpResponse<String> done = running.join();
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("waited"));
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, "stop waits for running work, not for the full grace period");
        assertThrows(Exception.class, () -> http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void frontendIsServedWhenDeclared() throws Exception {
        AgentServer server = new AgentServer(Fixtures.model(Fixtures.YAML + "frontend: {dir: frontend, entry: index.html}\n"),
                ServerConfig.loopback(Map.of()), getClass().getClassLoader());
        String base = "http://127.0.0.1:" + server.start();
        try {
            HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("hello frontend"));
            assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/missing.js")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            server.stop();
        }
    }
}
