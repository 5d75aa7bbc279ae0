package dev.a2acloud.functions.cardprobe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The two HTTP calls the probe makes; narrow so tests can answer them without a server. */
public interface AgentHttp {

    record Reply(int status, String body) {
    }

    Reply get(URI uri) throws IOException, InterruptedException;

    Reply postJson(URI uri, String json) throws IOException, InterruptedException;

    /** The JDK client, each call bounded by {@code callTimeout}. */
    static AgentHttp jdk(Duration callTimeout) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(callTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        return new AgentHttp() {
            @Override
            public Reply get(URI uri) throws IOException, InterruptedException {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(callTimeout)
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(r.statusCode(), r.body());
            }

            @Override
            public Reply postJson(URI uri, String json) throws IOException, InterruptedException {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(callTimeout)
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(r.statusCode(), r.body());
            }
        };
    }
}
