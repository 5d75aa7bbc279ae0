package dev.a2acloud.pack.runtime;

import dev.a2acloud.pack.PackException;
import dev.a2acloud.pack.model.AgentLoader;
import dev.a2acloud.pack.model.AgentModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Serves a compiled agent (docs/contracts.md "Pack entry points"). The agent comes from, in order:
 * {@code A2A_ARTIFACT_PATH} (a jar file), {@code A2A_ARTIFACT_URI} (http(s) or file URI, downloaded first; a bearer
 * from {@code A2A_ARTIFACT_TOKEN} if set), or the class path (a jar with {@code a2a.yaml} at its root). With
 * {@code A2A_ARTIFACT_DIGEST} ({@code sha256:<hex>}, required for a URI) the bytes are verified BEFORE any class is
 * loaded; a mismatch stops the process with exit code 3. Invalid agents exit with 2, and so does an agent whose
 * a2a.yaml version differs from {@code A2A_AGENT_VERSION} when the platform sets it.
 *
 * <p>{@code A2A_AOT_TRAINING=1}: start, read the card, send one text message, stop — the workload of a JDK 25
 * {@code -XX:AOTCacheOutput} training run ({@code PackLaunch.trainingCommand}).
 */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        AgentServer server;
        try {
            ClassLoader loader = agentClassLoader(env);
            AgentModel model = AgentLoader.load(loader);
            String expected = env.get("A2A_AGENT_VERSION");
            if (expected != null && !expected.isBlank() && !expected.equals(model.yaml().version())) {
                throw PackException.invalid("version", "the artifact's a2a.yaml says " + model.yaml().version()
                        + " but A2A_AGENT_VERSION is " + expected + "; the platform deployed the wrong artifact");
            }
            server = new AgentServer(model, ServerConfig.fromEnv(env), loader);
            int port = server.start();
            System.out.println("agent " + model.yaml().name() + " " + model.yaml().version() + " serving on port " + port);
        } catch (ArtifactMismatch e) {
            System.err.println("refusing to start: " + e.getMessage());
            System.exit(3);
            return;
        } catch (PackException e) {
            System.err.println("refusing to start: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IOException e) {
            System.err.println("cannot serve: " + e.getMessage() + "; is PORT free?");
            System.exit(1);
            return;
        }
        if ("1".equals(env.get("A2A_AOT_TRAINING"))) {
            train(server.port());
            server.stop();
            return;
        }
        AgentServer s = server;
        Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "graceful-shutdown"));
    }

    static final class ArtifactMismatch extends PackException {
        ArtifactMismatch(String message) {
            super(message, "A2A_ARTIFACT_DIGEST", false, null);
        }
    }

    static ClassLoader agentClassLoader(Map<String, String> env) {
        String path = blank(env.get("A2A_ARTIFACT_PATH"));
        String uri = blank(env.get("A2A_ARTIFACT_URI"));
        String digest = blank(env.get("A2A_ARTIFACT_DIGEST"));
        Path jar;
        if (path != null) {
            jar = Path.of(path);
            if (!Files.isRegularFile(jar)) {
                throw PackException.invalid("A2A_ARTIFACT_PATH", path + " is not a file");
            }
        } else if (uri != null) {
            if (digest == null) {
                throw PackException.invalid("A2A_ARTIFACT_DIGEST", "is required with A2A_ARTIFACT_URI so the download "
                        + "can be verified before it is loaded");
            }
            jar = download(uri, blank(env.get("A2A_ARTIFACT_TOKEN")));
        } else {
            return AgentMain.class.getClassLoader();
        }
        if (digest != null) {
            verify(jar, digest);
        }
        try {
            return new URLClassLoader("agent", new URL[]{jar.toUri().toURL()}, AgentMain.class.getClassLoader());
        } catch (IOException e) {
            throw PackException.invalid("A2A_ARTIFACT_PATH", "cannot open " + jar + ": " + e.getMessage());
        }
    }

    /** Checks the jar's sha256 against {@code sha256:<hex>} (or bare hex). */
    static void verify(Path jar, String expected) {
        String want = expected.startsWith("sha256:") ? expected.substring(7) : expected;
        if (!want.matches("[0-9a-fA-F]{64}")) {
            throw PackException.invalid("A2A_ARTIFACT_DIGEST", "'" + expected + "' is not sha256:<64 hex digits>");
        }
        String actual = sha256(jar);
        if (!actual.equalsIgnoreCase(want)) {
            throw new ArtifactMismatch("the agent artifact " + jar + " has digest sha256:" + actual
                    + " but A2A_ARTIFACT_DIGEST is sha256:" + want.toLowerCase() + "; the artifact was changed or "
                    + "the wrong one was fetched");
        }
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw PackException.invalid("A2A_ARTIFACT_PATH", "cannot read " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path download(String uri, String token) {
        try {
            URI u = URI.create(uri);
            Path target = Files.createTempFile("a2a-agent-", ".jar");
            target.toFile().deleteOnExit();
            if ("file".equals(u.getScheme())) {
                Files.copy(Path.of(u), target, StandardCopyOption.REPLACE_EXISTING);
                return target;
            }
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                throw PackException.invalid("A2A_ARTIFACT_URI", "'" + uri + "' must be an http(s) or file URI");
            }
            HttpURLConnection c = (HttpURLConnection) u.toURL().openConnection();
            c.setConnectTimeout(10_000);
            c.setReadTimeout(60_000);
            if (token != null) {
                c.setRequestProperty("Authorization", "Bearer " + token);
            }
            int status = c.getResponseCode();
            if (status != 200) {
                throw PackException.retryable("downloading the agent artifact " + uri + " answered HTTP " + status, null);
            }
            try (InputStream in = c.getInputStream()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw PackException.retryable("downloading the agent artifact " + uri + " failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw PackException.invalid("A2A_ARTIFACT_URI", "'" + uri + "' is not a URI: " + e.getMessage());
        }
    }

    private static void train(int port) {
        try {
            String base = "http://127.0.0.1:" + port;
            request(base + "/.well-known/agent-card.json", null);
            request(base + "/healthz", null);
            request(base + "/", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"message\":"
                    + "{\"kind\":\"message\",\"messageId\":\"aot\",\"role\":\"user\",\"parts\":[{\"kind\":\"text\","
                    + "\"text\":\"training\"}]}}}");
        } catch (IOException e) {
            System.err.println("AOT training request failed: " + e.getMessage());
        }
    }

    private static void request(String url, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        if (body != null) {
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        c.getResponseCode();
        try (InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
