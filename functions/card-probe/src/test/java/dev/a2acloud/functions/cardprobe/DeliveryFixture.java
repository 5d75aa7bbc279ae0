package dev.a2acloud.functions.cardprobe;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.a2acloud.core.gitops.AgentRuntimeSpec;
import dev.a2acloud.core.gitops.KnativeServiceManifest;
import dev.a2acloud.core.gitops.ServiceManifestInput;
import dev.a2acloud.events.BuildCommitted;
import dev.a2acloud.functions.argosync.ArgoSync;
import dev.a2acloud.local.gitops.GitOpsReconciler;
import dev.a2acloud.local.serving.Activator;
import dev.a2acloud.local.serving.ArtifactStore;
import dev.a2acloud.local.serving.HostProcessLauncher;
import dev.a2acloud.local.serving.LocalServing;
import dev.a2acloud.local.serving.PackAgentCommand;
import dev.a2acloud.local.serving.ServingConfig;
import dev.a2acloud.pack.model.AgentLoader;
import dev.a2acloud.pack.model.CardBuilder;
import dev.a2acloud.pack.tool.ProjectCompiler;
import dev.a2acloud.pack.tool.Template;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * What build.committed needs around it, on loopback, with a real A2A Pack agent: the pack's starter template compiled
 * by the pack compiler, its jar served over HTTP with a bearer token (standing in for the control plane's
 * {@code GET /v1/artifacts/…}), {@code deploy/service.yaml} built by {@link KnativeServiceManifest} and committed to a
 * repository served by JGit's smart HTTP servlet (standing in for the platform's git server), and local serving
 * running {@code AgentMain} processes behind the activator — one Tomcat on port 0 holds git and the activator.
 * Shared by the chain test and the deliver benchmark.
 */
public final class DeliveryFixture implements AutoCloseable {
    private static final String TOKEN = "service-token";
    private static final String RUNTIME_IMAGE = "ghcr.io/a2acloud/agent-runtime@sha256:" + "1".repeat(64);

    private final Path dir;
    private final Tomcat tomcat;
    public final LocalServing serving;
    private final HttpServer artifacts;
    private final Git work;
    private final String repoUrl;

    public DeliveryFixture(Path dir, Duration idleWindow) throws Exception {
        this.dir = dir;
        artifacts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        artifacts.createContext("/v1/artifacts/", exchange -> {
            Path file = dir.resolve("store").resolve(exchange.getRequestURI().getPath().substring(
                    "/v1/artifacts/sha256:".length()));
            boolean authorized = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = !authorized ? new byte[0] : Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            exchange.sendResponseHeaders(!authorized ? 401 : body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        artifacts.start();

        AtomicReference<URI> base = new AtomicReference<>();
        serving = new LocalServing(ServingConfig.defaults(dir.resolve("a2a"), base::get, null)
                .withIdleWindow(idleWindow, Duration.ofMillis(Math.min(1000, Math.max(20, idleWindow.toMillis() / 4)))),
                new HostProcessLauncher(), PackAgentCommand.defaults(),
                new ArtifactStore(dir.resolve("a2a/artifacts"), HttpClient.newHttpClient(), () -> Optional.of(TOKEN)),
                Clock.systemUTC());
        work = Git.init().setDirectory(dir.resolve("repo").toFile()).setInitialBranch("main").call();
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(dir.resolve("tomcat")).toString());
        tomcat.setPort(0);
        Context context = tomcat.addContext("", dir.resolve("tomcat").toString());
        context.setIgnoreAnnotations(true); // nothing here is annotated; spares jakarta.annotation
        Tomcat.addServlet(context, "activator", new Activator(serving));
        context.addServletMappingDecoded("/agents/*", "activator");
        Tomcat.addServlet(context, "git", gitServlet(work.getRepository()));
        context.addServletMappingDecoded("/git/*", "git");
        tomcat.start();
        int port = tomcat.getConnector().getLocalPort();
        base.set(URI.create("http://127.0.0.1:" + port));
        repoUrl = "http://127.0.0.1:" + port + "/git/u-1/echo.git";
    }

    public ArgoSync argoSync() {
        return new ArgoSync(new GitOpsReconciler(serving, dir.resolve("gitops"),
                () -> Optional.of(new UsernamePasswordCredentialsProvider("a2a", TOKEN)), Duration.ofSeconds(60)));
    }

    public CardProbe cardProbe() {
        return new CardProbe(AgentHttp.jdk(Duration.ofSeconds(10)), ProbeSettings.defaults(), Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()));
    }

    @Override
    public void close() throws Exception {
        serving.close();
        tomcat.stop();
        tomcat.destroy();
        artifacts.stop(0);
        work.close();
    }

    /** What package and git-commit would have produced for one version of the starter agent. */
    public BuildCommitted commit(String version, String buildId) throws Exception {
        Path project = dir.resolve("project-" + version);
        Template.write("echo", project);
        Path yaml = project.resolve("a2a.yaml");
        Files.writeString(yaml, Files.readString(yaml).replaceFirst("(?m)^version: .*$", "version: " + version));
        Path jar = dir.resolve("jar-" + version + ".jar");
        new ProjectCompiler().compile(project, jar);
        byte[] bytes = Files.readAllBytes(jar);
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Files.createDirectories(dir.resolve("store"));
        Files.write(dir.resolve("store").resolve(hex), bytes);
        String digest = "sha256:" + hex;
        String uri = "http://127.0.0.1:" + artifacts.getAddress().getPort() + "/v1/artifacts/" + digest;
        JsonNode card;
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader())) {
            card = CardBuilder.build(AgentLoader.load(loader), serving.url("echo"), false);
        }
        var manifest = KnativeServiceManifest.build(new ServiceManifestInput("echo", "u-1", buildId, version,
                AgentRuntimeSpec.defaults(), uri, digest, RUNTIME_IMAGE, null, 2));
        Path file = work.getRepository().getWorkTree().toPath().resolve("deploy/service.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, new KubernetesSerialization().asYaml(manifest));
        work.add().addFilepattern("deploy/service.yaml").call();
        String commit = work.commit().setMessage("echo " + version).setAuthor("a2a", "a2a@example.com")
                .setCommitter("a2a", "a2a@example.com").call().getName();
        return new BuildCommitted(buildId, "echo", "u-1", version, 1, repoUrl, commit, digest, uri, card);
    }

    private static GitServlet gitServlet(Repository repository) {
        GitServlet servlet = new GitServlet() {
            @Override
            public void service(ServletRequest req, ServletResponse res) throws ServletException, IOException {
                String expected = "Basic " + Base64.getEncoder().encodeToString(("a2a:" + TOKEN)
                        .getBytes(StandardCharsets.UTF_8));
                if (!expected.equals(((HttpServletRequest) req).getHeader("Authorization"))) {
                    ((HttpServletResponse) res).setHeader("WWW-Authenticate", "Basic realm=\"git\"");
                    ((HttpServletResponse) res).sendError(401);
                    return;
                }
                super.service(req, res);
            }
        };
        servlet.setRepositoryResolver((request, name) -> {
            repository.incrementOpen();
            return repository;
        });
        return servlet;
    }
}
