package dev.a2acloud.local.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.core.gitops.GitOpsException;
import dev.a2acloud.core.gitops.GitOpsSync;
import dev.a2acloud.local.serving.ServingHarness;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded reconciler reading {@code deploy/service.yaml} over JGit smart HTTP (a GitServlet with basic auth in
 * Tomcat on port 0 stands in for the platform's git server, which another module provides) and applying it to local
 * serving with real agent processes.
 */
class GitOpsReconcilerTest {
    private static final String TOKEN = "service-token";

    @TempDir
    Path home;
    private ServingHarness harness;
    private Tomcat gitServer;
    private Git work;
    private String repoUrl;

    @BeforeEach
    void start() throws Exception {
        harness = new ServingHarness(home.resolve("a2a"), Duration.ofSeconds(30));
        work = Git.init().setDirectory(home.resolve("repo").toFile()).setInitialBranch("main").call();
        gitServer = new Tomcat();
        gitServer.setBaseDir(Files.createDirectories(home.resolve("git-tomcat")).toString());
        gitServer.setPort(0);
        Context context = gitServer.addContext("", home.resolve("git-tomcat").toString());
        context.setIgnoreAnnotations(true); // nothing here is annotated; spares jakarta.annotation
        GitServlet servlet = new GitServlet() {
            @Override
            public void service(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res)
                    throws jakarta.servlet.ServletException, java.io.IOException {
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
        Repository repository = work.getRepository();
        servlet.setRepositoryResolver((request, name) -> {
            repository.incrementOpen();
            return repository;
        });
        Tomcat.addServlet(context, "git", servlet);
        context.addServletMappingDecoded("/git/*", "git");
        gitServer.start();
        repoUrl = "http://127.0.0.1:" + gitServer.getConnector().getLocalPort() + "/git/u-1/echo.git";
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        gitServer.stop();
        gitServer.destroy();
        work.close();
    }

    @Test
    void appliesTheManifestAtTheCommitAndReturnsTheReadyRevision() throws Exception {
        String v1 = commit(ServingHarness.manifest("echo", "1.0.0",
                ServingHarness.artifact(home.resolve("art"), "jar-v1"), 0, 1));
        String v2 = commit(ServingHarness.manifest("echo", "2.0.0",
                ServingHarness.artifact(home.resolve("art"), "jar-v2"), 0, 1));
        GitOpsReconciler reconciler = reconciler(TOKEN);

        GitOpsSync.Synced first = reconciler.sync(new GitOpsSync.Request("echo", "u-1", repoUrl, v1));
        assertEquals(new GitOpsSync.Synced("echo-00001", harness.agentUrl("echo")), first);
        assertTrue(get(first.url() + "hello").startsWith("v=1.0.0"), "the commit's manifest, not the head's");

        GitOpsSync.Synced second = reconciler.sync(new GitOpsSync.Request("echo", "u-1", repoUrl, v2));
        assertEquals("echo-00002", second.revision());
        assertTrue(get(second.url() + "hello").startsWith("v=2.0.0"));

        // A redelivered build.committed: same commit, same revision, nothing new deployed.
        assertEquals(second, reconciler.sync(new GitOpsSync.Request("echo", "u-1", repoUrl, v2)));
        assertEquals(2, harness.serving.get("echo").orElseThrow().revisions().size());
    }

    @Test
    void wrongCredentialsAreRefusedWithoutRetry() throws Exception {
        String v1 = commit(ServingHarness.manifest("echo", "1.0.0",
                ServingHarness.artifact(home.resolve("art"), "jar-v1"), 0, 1));
        GitOpsException refused = assertThrows(GitOpsException.class,
                () -> reconciler("wrong").sync(new GitOpsSync.Request("echo", "u-1", repoUrl, v1)));
        assertFalse(refused.retryable());
        assertTrue(refused.getMessage().contains("credentials"), refused.getMessage());
        assertTrue(harness.serving.list().isEmpty());
    }

    @Test
    void aManifestForAnotherAgentOrAMissingCommitIsRefused() throws Exception {
        String other = commit(ServingHarness.manifest("other", "1.0.0",
                ServingHarness.artifact(home.resolve("art"), "jar-v1"), 0, 1));
        GitOpsException wrongName = assertThrows(GitOpsException.class,
                () -> reconciler(TOKEN).sync(new GitOpsSync.Request("echo", "u-1", repoUrl, other)));
        assertTrue(wrongName.getMessage().contains("names service 'other'"), wrongName.getMessage());

        GitOpsException missing = assertThrows(GitOpsException.class, () -> reconciler(TOKEN)
                .sync(new GitOpsSync.Request("echo", "u-1", repoUrl, "f".repeat(40))));
        assertTrue(missing.getMessage().contains("is not in"), missing.getMessage());
        assertFalse(missing.retryable());
    }

    private GitOpsReconciler reconciler(String password) {
        return new GitOpsReconciler(harness.serving, home.resolve("gitops-cache-" + password),
                () -> Optional.of(new UsernamePasswordCredentialsProvider("a2a", password)), Duration.ofSeconds(30));
    }

    private String commit(Service manifest) throws Exception {
        Path file = work.getRepository().getWorkTree().toPath().resolve("deploy/service.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, new KubernetesSerialization().asYaml(manifest));
        work.add().addFilepattern("deploy/service.yaml").call();
        return work.commit().setMessage("deploy").setAuthor("a2a", "a2a@example.com")
                .setCommitter("a2a", "a2a@example.com").call().getName();
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
