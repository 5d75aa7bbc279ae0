package dev.a2acloud.controlplane;

import dev.a2acloud.controlplane.agents.AgentUndeployer;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.EventPublisher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The control plane started the way the embedded assembly starts it: the application class plus a configuration
 * that provides the EventPublisher and AgentUndeployer (here: recording ones), on an ephemeral loopback port.
 */
final class RunningControlPlane implements AutoCloseable {
    static final String SERVICE_TOKEN = "test-service-token-0123456789abcdef";

    final ConfigurableApplicationContext context;
    final URI base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RunningControlPlane(Path home, String... extraProperties) {
        List<String> properties = new java.util.ArrayList<>(List.of(
                "server.port=0", "server.address=127.0.0.1",
                "a2a.control-plane.home=" + home,
                "a2a.control-plane.service-token=" + SERVICE_TOKEN,
                "a2a.control-plane.limits.max-tarball-bytes=2097152",
                "logging.level.root=WARN"));
        properties.addAll(List.of(extraProperties));
        // Passed as command-line arguments, which outrank the A2A_HOME surefire sets in the environment.
        context = new SpringApplicationBuilder(ControlPlaneApplication.class, Assembly.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        base = URI.create("http://127.0.0.1:" + port);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    Published published() {
        return context.getBean(Published.class);
    }

    HttpResponse<String> call(String method, String path, String token, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> json(String method, String path, String token, String json) {
        return call(method, path, token, json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    @Override
    public void close() {
        context.close();
    }

    /** What the control plane published, in order. */
    static final class Published implements EventPublisher {
        final List<BuildEvent> events = new CopyOnWriteArrayList<>();
        volatile boolean brokerDown;

        @Override
        public void publish(BuildEvent event, String step) {
            if (brokerDown) {
                throw new dev.a2acloud.events.EventPublishException("broker down (test)", 503, true, null);
            }
            events.add(event);
        }
    }

    /** Names of agents the control plane asked to take off the air. */
    static final class Undeployed implements AgentUndeployer {
        final List<String> agents = new CopyOnWriteArrayList<>();

        @Override
        public void undeploy(String owner, String agent) {
            agents.add(owner + "/" + agent);
        }
    }

    /**
     * Deliberately not {@code @Configuration}: the application's component scan covers this package, and the
     * assembly must only be present where a test passes it as a source (as the CLI passes its own).
     */
    static class Assembly {
        @Bean
        Published published() {
            return new Published();
        }

        @Bean
        Undeployed undeployed() {
            return new Undeployed();
        }
    }
}
