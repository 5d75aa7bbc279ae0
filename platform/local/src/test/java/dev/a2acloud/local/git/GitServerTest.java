package dev.a2acloud.local.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.core.git.BuildCommitter;
import dev.a2acloud.core.git.CommitRequest;
import dev.a2acloud.core.git.CommitResult;
import dev.a2acloud.core.git.GitException;
import dev.a2acloud.core.git.GitHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded git server as a real servlet in an embedded Tomcat on a loopback port; every push and fetch below goes
 * through JGit's smart HTTP client, the same code path as a push to Gitea.
 */
class GitServerTest {
    private static final String TOKEN = "svc-token";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;
    private Tomcat tomcat;
    private BareRepositories repositories;
    private EmbeddedGitHost host;
    /** Runs once before the first push is let through; tests use it to race a second committer. */
    private final AtomicReference<Runnable> beforeFirstPush = new AtomicReference<>();
    /** Runs on every request for an agent's repository, while the client holds its per-repository lock. */
    private volatile java.util.function.Consumer<String> onRequest = agent -> { };

    @BeforeEach
    void start() throws Exception {
        repositories = new BareRepositories(home.resolve("git"));
        Authenticator auth = (password, owner, agent, access) -> {
            if (!password.startsWith(TOKEN)) {
                return Authenticator.Decision.UNAUTHENTICATED;
            }
            onRequest.accept(agent);
            if (owner.equals("u-other")) {
                return Authenticator.Decision.FORBIDDEN;
            }
            Runnable hook = access == Authenticator.Access.WRITE && password.equals(TOKEN + "-racer")
                    ? beforeFirstPush.getAndSet(null) : null;
            if (hook != null) {
                hook.run();
            }
            return Authenticator.Decision.ALLOWED;
        };
        tomcat = new Tomcat();
        Path base = Files.createDirectories(home.resolve("tomcat"));
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "git", new GitServer(repositories, auth));
        context.addServletMappingDecoded(GitServer.PATH_PREFIX + "/*", "git");
        tomcat.start();
        host = hostWithToken(TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    private EmbeddedGitHost hostWithToken(String token) {
        return new EmbeddedGitHost(repositories,
                URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort()), () -> token);
    }

    private BuildCommitter committer(GitHost gitHost, String cache) {
        return new BuildCommitter(gitHost, home.resolve(cache), CLOCK, 3);
    }

    private static CommitRequest request(String agent, String buildId, int attempt) {
        return new CommitRequest("u-1", agent, buildId, attempt, "1.0.0", Map.of(
                "a2a.yaml", ("name: " + agent + "\n").getBytes(StandardCharsets.UTF_8),
                "deploy/service.yaml", ("kind: Service # " + buildId + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    private List<RevCommit> history(String agent) throws Exception {
        try (Repository repo = repositories.open("u-1", agent).orElseThrow(); Git git = Git.wrap(repo)) {
            List<RevCommit> out = new ArrayList<>();
            git.log().add(repo.resolve("refs/heads/main")).call().forEach(out::add);
            return out;
        }
    }

    @Test
    void pushOverHttpStoresTheTreeWithTrailers() throws Exception {
        CommitResult result = committer(host, "cache").commit(request("echo", "b-1", 1));
        assertFalse(result.alreadyCommitted());
        assertEquals(host.cloneUrl("u-1", "echo"), result.repoUrl());
        assertEquals("kind: Service # b-1\n", new String(repositories.readFile("u-1", "echo", result.commit(),
                "deploy/service.yaml").orElseThrow(), StandardCharsets.UTF_8));
        RevCommit head = history("echo").get(0);
        assertEquals(result.commit(), head.getName());
        assertEquals(List.of("b-1"), head.getFooterLines(BuildCommitter.TRAILER_BUILD_ID));
        assertEquals(List.of("1.0.0"), head.getFooterLines(BuildCommitter.TRAILER_VERSION));
        assertEquals(List.of("1"), head.getFooterLines(BuildCommitter.TRAILER_ATTEMPT));
        assertTrue(repositories.readFile("u-1", "echo", result.commit(), "missing.txt").isEmpty());
    }

    @Test
    void redeliveryReturnsTheEarlierCommitInsteadOfASecondOne() throws Exception {
        CommitResult first = committer(host, "cache").commit(request("echo", "b-1", 1));
        // A fresh cache, as a restarted (scaled-to-zero) function instance would have.
        CommitResult again = committer(host, "cache-after-restart").commit(request("echo", "b-1", 1));
        assertTrue(again.alreadyCommitted());
        assertEquals(first.commit(), again.commit());
        assertEquals(1, history("echo").size());
        // A repair attempt of the same build is a new commit on top.
        CommitResult repaired = committer(host, "cache").commit(request("echo", "b-1", 2));
        assertFalse(repaired.alreadyCommitted());
        assertEquals(2, history("echo").size());
    }

    @Test
    void wrongCredentialsAreRefusedAndNothingIsPushed() throws Exception {
        host.ensureRepo("u-1", "echo");
        GitException e = assertThrows(GitException.class,
                () -> committer(hostWithToken("forged"), "cache").commit(request("echo", "b-1", 1)));
        assertFalse(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains("credentials"), e.getMessage());
        try (Repository repo = repositories.open("u-1", "echo").orElseThrow()) {
            assertEquals(null, repo.resolve("refs/heads/main"));
        }
        HttpClient http = HttpClient.newHttpClient();
        URI refs = URI.create(host.cloneUrl("u-1", "echo") + "/info/refs?service=git-receive-pack");
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(refs).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(refs).header("Authorization", basic("x", "nope"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode());
        HttpResponse<String> right = http.send(HttpRequest.newBuilder(refs).header("Authorization", basic("x", TOKEN))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, right.statusCode());
    }

    @Test
    void aCallerWithoutAccessToTheOwnerGets403() throws Exception {
        new EmbeddedGitHost(repositories, URI.create("http://unused"), () -> TOKEN).ensureRepo("u-other", "echo");
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        host.cloneUrl("u-other", "echo") + "/info/refs?service=git-upload-pack"))
                .header("Authorization", basic("x", TOKEN)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, res.statusCode());
    }

    @Test
    void pushingToAnUnknownRepositoryDoesNotCreateIt() throws Exception {
        Path work = home.resolve("clone");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("a.txt"), "x");
            git.add().addFilepattern("a.txt").call();
            git.commit().setMessage("m").setAuthor(new PersonIdent("t", "t@x")).setCommitter(new PersonIdent("t", "t@x"))
                    .call();
            git.remoteAdd().setName("origin").setUri(new URIish(host.cloneUrl("u-1", "ghost").toString())).call();
            assertThrows(TransportException.class, () -> git.push().setRemote("origin")
                    .setCredentialsProvider(new UsernamePasswordCredentialsProvider("a2a", TOKEN)).call());
        }
        assertFalse(repositories.exists("u-1", "ghost"));
        assertFalse(Files.exists(home.resolve("git").resolve("u-1").resolve("ghost.git")));
    }

    @Test
    void buildsOfDifferentAgentsNeverWaitForEachOther() throws Exception {
        CountDownLatch otherDone = new CountDownLatch(1);
        CountDownLatch slowHeld = new CountDownLatch(1);
        AtomicBoolean sawOtherFinishFirst = new AtomicBoolean();
        // Agent "slow" is held inside its fetch — while its committer holds the repository lock — until agent "fast"
        // has committed through the same committer: a lock shared across repositories would dead-lock here (and the
        // bounded waits below would fail the test).
        onRequest = agent -> {
            if (agent.equals("slow") && otherDone.getCount() > 0) {
                slowHeld.countDown();
                try {
                    sawOtherFinishFirst.set(otherDone.await(20, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        BuildCommitter shared = committer(host, "cache");
        CommitResult fast;
        CommitResult slowResult;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<CommitResult> slow = CompletableFuture.supplyAsync(
                    () -> shared.commit(request("slow", "b-s", 1)), threads);
            assertTrue(slowHeld.await(20, TimeUnit.SECONDS));
            fast = CompletableFuture.supplyAsync(() -> shared.commit(request("fast", "b-f", 1)), threads)
                    .get(20, TimeUnit.SECONDS);
            otherDone.countDown();
            slowResult = slow.get(30, TimeUnit.SECONDS);
        }
        assertTrue(sawOtherFinishFirst.get());
        assertNotEquals(fast.commit(), slowResult.commit());
        assertEquals(1, history("fast").size());
        assertEquals(1, history("slow").size());
    }

    @Test
    void aNonFastForwardPushIsRebuiltOnTheNewHead() throws Exception {
        committer(host, "cache-base").commit(request("echo", "b-0", 1));
        BuildCommitter other = committer(host, "cache-other");
        // Between the racer's fetch and its push, another build lands on main.
        beforeFirstPush.set(() -> other.commit(request("echo", "b-other", 1)));
        CommitResult racer = committer(hostWithToken(TOKEN + "-racer"), "cache-racer").commit(request("echo", "b-race", 1));
        List<RevCommit> log = history("echo");
        assertEquals(3, log.size());
        assertEquals(racer.commit(), log.get(0).getName());
        assertEquals(List.of("b-race"), log.get(0).getFooterLines(BuildCommitter.TRAILER_BUILD_ID));
        assertEquals(List.of("b-other"), log.get(1).getFooterLines(BuildCommitter.TRAILER_BUILD_ID));
        assertEquals(log.get(1).getId(), log.get(0).getParent(0).getId());
        assertEquals(null, beforeFirstPush.get(), "the race hook ran");
        ObjectId tip;
        try (Repository repo = repositories.open("u-1", "echo").orElseThrow()) {
            tip = repo.resolve("refs/heads/main");
        }
        assertEquals(racer.commit(), tip.getName());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
