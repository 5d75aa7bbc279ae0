package dev.a2acloud.cli.up;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.a2acloud.core.artifacts.Digests;
import dev.a2acloud.core.gitops.AgentRuntimeSpec;
import dev.a2acloud.core.gitops.KnativeServiceManifest;
import dev.a2acloud.core.gitops.ServiceManifestInput;
import dev.a2acloud.local.serving.LocalServing;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.EnvVar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The agent-builder (functions/agent-builder, an A2A Pack agent) served by the embedded platform from the moment it
 * starts, so {@code agent-builder.build} is callable over A2A at {@code /agents/agent-builder/}. Its jar is the one
 * this build compiled and tested; it is deployed to local serving directly — the name is reserved for the platform, so
 * no user build can claim it — with the same Knative manifest a build would commit. Callers present their own
 * control-plane token and the builder starts the build as them.
 */
public final class AgentBuilderAgent {
    public static final String NAME = "agent-builder";
    private static final String ENTRYPOINT = "builder.AgentBuilder";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private AgentBuilderAgent() {
    }

    /** Applies the agent-builder's Service to local serving (a no-op when this jar already serves); returns its URL. */
    public static String deploy(LocalServing serving, Path home, String owner) {
        Path jar = jar(home);
        String digest = digest(jar);
        JsonNode a2aYaml = a2aYaml(jar);
        String version = a2aYaml.path("version").asText("0.0.0");
        Service manifest = KnativeServiceManifest.build(new ServiceManifestInput(NAME, owner, "platform", version,
                AgentRuntimeSpec.fromA2aYaml(a2aYaml.path("runtime")), jar.toUri().toString(), digest,
                LocalRuntimeImage.reference(), null, 0));
        // The card tells callers to bring a bearer token: the builder acts as whoever calls it.
        manifest.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv()
                .add(new EnvVar("A2A_CARD_BEARER_AUTH", "true", null));
        return serving.apply(manifest).url();
    }

    /** The agent-builder's jar: where the JVM loaded it from, or (class folders, in an IDE) packed under home. */
    static Path jar(Path home) {
        Path location;
        try {
            Class<?> entry = Class.forName(ENTRYPOINT, false, AgentBuilderAgent.class.getClassLoader());
            location = Path.of(entry.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("the agent-builder (" + ENTRYPOINT + ") is not on the class path; "
                    + "rebuild the CLI with ./a2a (it depends on functions/agent-builder)", e);
        }
        return Files.isDirectory(location) ? packed(location, home.resolve("platform").resolve("agent-builder.jar"))
                : location;
    }

    static Path packed(Path classes, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), "agent-builder", ".part");
            try (OutputStream out = Files.newOutputStream(partial); JarOutputStream jar = new JarOutputStream(out);
                 Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    JarEntry entry = new JarEntry(classes.relativize(file).toString().replace('\\', '/'));
                    entry.setTime(0);
                    jar.putNextEntry(entry);
                    Files.copy(file, jar);
                    jar.closeEntry();
                }
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack the agent-builder into " + target, e);
        }
    }

    private static JsonNode a2aYaml(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry("a2a.yaml");
            if (entry == null) {
                throw new IllegalStateException(jar + " has no a2a.yaml; rebuild the CLI with ./a2a");
            }
            try (InputStream in = file.getInputStream(entry)) {
                return YAML.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent-builder's a2a.yaml from " + jar, e);
        }
    }

    private static String digest(Path jar) {
        try {
            return Digests.sha256(Files.readAllBytes(jar));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent-builder jar " + jar, e);
        }
    }
}
