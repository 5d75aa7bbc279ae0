package dev.a2acloud.cli.up;

import dev.a2acloud.controlplane.ControlPlaneApplication;
import dev.a2acloud.controlplane.users.UserStore;
import dev.a2acloud.controlplane.users.UserTokens;
import dev.a2acloud.local.serving.LocalServing;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole platform in this JVM on one port: the control plane's Spring Boot application plus
 * {@link EmbeddedPlatformConfiguration}. {@link #close()} stops everything it started, agent processes included.
 */
public final class EmbeddedPlatform implements AutoCloseable {
    static final java.util.List<String> EXCLUDED_AUTO_CONFIGURATION = java.util.List.of(
            "dev.a2acloud.functions.support.spring.StepFunctionAutoConfiguration",
            "org.springframework.cloud.function.cloudevent.CloudEventsFunctionExtensionConfiguration",
            "org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration",
            "org.springframework.cloud.function.context.config.FunctionsEndpointAutoConfiguration",
            "org.springframework.cloud.function.context.config.KotlinLambdaToFunctionAutoConfiguration",
            "org.springframework.cloud.function.observability.ObservationAutoConfiguration",
            "org.springframework.cloud.function.web.flux.ReactorAutoConfiguration",
            "org.springframework.cloud.function.web.mvc.ReactorAutoConfiguration",
            "org.springframework.cloud.function.web.source.FunctionExporterAutoConfiguration");

    private final ConfigurableApplicationContext context;
    private final URI url;
    private final Path home;
    private final LocalUser.Issued user;
    private final String agentBuilderUrl;

    private EmbeddedPlatform(ConfigurableApplicationContext context, URI url, Path home, LocalUser.Issued user,
                             String agentBuilderUrl) {
        this.context = context;
        this.url = url;
        this.home = home;
        this.user = user;
        this.agentBuilderUrl = agentBuilderUrl;
    }

    /** Settings of one embedded platform; {@code port} 0 picks a free one. */
    public record Settings(Path home, int port, Map<String, String> extraProperties) {
        public Settings {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            extraProperties = extraProperties == null ? Map.of() : Map.copyOf(extraProperties);
        }
    }

    public static EmbeddedPlatform start(Settings settings, PrintStream console) {
        int port = settings.port() == 0 ? freePort() : settings.port();
        URI url = URI.create("http://127.0.0.1:" + port);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("server.address", "127.0.0.1");
        properties.put("a2a.control-plane.home", settings.home().toString());
        properties.put("a2a.control-plane.public-url", url.toString());
        properties.put("a2a.control-plane.llm.base-url", url + "/llm/v1");
        properties.put("spring.main.banner-mode", "off");
        // The step modules are Spring Cloud Function apps in a cluster; here their steps are plain objects behind the
        // broker, so none of the function web endpoints or the one-step auto-configuration may join this context.
        properties.put("spring.autoconfigure.exclude", String.join(",", EXCLUDED_AUTO_CONFIGURATION));
        // The console is for people: what the platform does, in words (Narrator); framework chatter only when wrong.
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.dev.a2acloud", "INFO");
        properties.put("logging.pattern.console", "%d{HH:mm:ss} %-5level %logger{0}: %msg%n");
        properties.putAll(settings.extraProperties());
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ControlPlaneApplication.class,
                EmbeddedPlatformConfiguration.class)
                .properties(properties)
                .registerShutdownHook(false)
                .run();
        try {
            LocalUser.Issued user = LocalUser.ensure(settings.home(), context.getBean(UserTokens.class),
                    context.getBean(UserStore.class));
            return new EmbeddedPlatform(context, url, settings.home(), user,
                    deployAgentBuilder(context.getBean(LocalServing.class), settings.home(), user.userId(), console));
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /**
     * The agent-builder agent is part of the platform, but a platform whose builder agent cannot start still builds
     * through the API and the CLI; so its failure is reported, not fatal.
     */
    private static String deployAgentBuilder(LocalServing serving, Path home, String owner, PrintStream console) {
        try {
            return AgentBuilderAgent.deploy(serving, home, owner);
        } catch (RuntimeException e) {
            console.println("the agent-builder agent could not be deployed (builds through the API and the CLI still"
                    + " work): " + e.getMessage());
            return null;
        }
    }

    /** Where the agent-builder answers over A2A, or empty when it could not be deployed. */
    public java.util.Optional<String> agentBuilderUrl() {
        return java.util.Optional.ofNullable(agentBuilderUrl);
    }

    public URI url() {
        return url;
    }

    public Path home() {
        return home;
    }

    public String userId() {
        return user.userId();
    }

    public boolean userCreated() {
        return user.created();
    }

    public Path tokenFile() {
        return user.tokenFile();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }
}
