package dev.a2acloud.local.serving;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/**
 * Local serving behind its activator in an embedded Tomcat on port 0, running {@link TestAgent} processes; shared by
 * the serving and GitOps tests and the deliver benchmark.
 */
public final class ServingHarness implements AutoCloseable {
    public final LocalServing serving;
    public final Tomcat tomcat;
    public final int port;
    public final Path home;

    public ServingHarness(Path home, Duration idleWindow) throws LifecycleException, IOException {
        this(home, idleWindow, testAgentCommand());
    }

    public ServingHarness(Path home, Duration idleWindow, AgentCommand command) throws LifecycleException, IOException {
        this(home, idleWindow, command, new HostProcessLauncher());
    }

    public ServingHarness(Path home, Duration idleWindow, AgentCommand command, InstanceLauncher launcher)
            throws LifecycleException, IOException {
        this.home = home;
        AtomicReference<URI> base = new AtomicReference<>(URI.create("http://127.0.0.1:0"));
        ServingConfig config = ServingConfig.defaults(home, base::get, null)
                .withIdleWindow(idleWindow, Duration.ofMillis(100))
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(40));
        this.serving = new LocalServing(config, launcher, command,
                new ArtifactStore(home.resolve("artifacts"), HttpClient.newHttpClient(), Optional::empty),
                Clock.systemUTC());
        this.tomcat = new Tomcat();
        Path base2 = Files.createDirectories(home.resolve("tomcat"));
        tomcat.setBaseDir(base2.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", base2.toString());
        context.setIgnoreAnnotations(true); // nothing here is annotated; spares jakarta.annotation
        Tomcat.addServlet(context, "activator", new Activator(serving)).setAsyncSupported(true);
        context.addServletMappingDecoded("/agents/*", "activator");
        tomcat.start();
        this.port = tomcat.getConnector().getLocalPort();
        base.set(URI.create("http://127.0.0.1:" + port));
    }

    public String agentUrl(String name) {
        return "http://127.0.0.1:" + port + "/agents/" + name + "/";
    }

    /** The java command that runs {@link TestAgent} from this module's test classes. */
    public static AgentCommand testAgentCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes;
        try {
            classes = Path.of(TestAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new AgentCommand() {
            @Override
            public List<String> command(Path jar) {
                return List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-cp", classes,
                        TestAgent.class.getName());
            }

            @Override
            public List<Path> readOnlyPaths() {
                return List.of(Path.of(classes));
            }
        };
    }

    /** Writes an "artifact" (the test agent reads it as text) and returns its file URI and digest. */
    public static Artifact artifact(Path dir, String content) throws Exception {
        Files.createDirectories(dir);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Path file = dir.resolve(hex + ".bin");
        Files.write(file, bytes);
        return new Artifact(file.toUri().toString(), "sha256:" + hex);
    }

    public record Artifact(String uri, String digest) {
    }

    /** A Knative Service as git-commit writes it, with the knobs the tests turn. */
    public static Service manifest(String name, String version, Artifact artifact, int concurrency, int maxScale) {
        List<io.fabric8.kubernetes.api.model.EnvVar> env = new ArrayList<>();
        Map.of("A2A_ARTIFACT_URI", artifact.uri(), "A2A_ARTIFACT_DIGEST", artifact.digest(),
                        "A2A_AGENT_VERSION", version)
                .forEach((k, v) -> env.add(new io.fabric8.kubernetes.api.model.EnvVar(k, v, null)));
        env.sort(java.util.Comparator.comparing(io.fabric8.kubernetes.api.model.EnvVar::getName));
        return new ServiceBuilder()
                .withNewMetadata().withName(name).addToLabels("a2acloud.dev/version", version).endMetadata()
                .withNewSpec().withNewTemplate()
                .withNewMetadata()
                .addToAnnotations("autoscaling.knative.dev/min-scale", "0")
                .addToAnnotations("autoscaling.knative.dev/max-scale", Integer.toString(maxScale))
                .addToAnnotations("a2acloud.dev/egress", "{\"allow\":[]}")
                .endMetadata()
                .withNewSpec().withContainerConcurrency((long) concurrency).withTimeoutSeconds(30L)
                .addNewContainer().withName("agent").withImage("ghcr.io/a2acloud/agent-runtime@sha256:" + "0".repeat(64))
                .withEnv(env).endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    @Override
    public void close() throws Exception {
        serving.close();
        tomcat.stop();
        tomcat.destroy();
    }
}
