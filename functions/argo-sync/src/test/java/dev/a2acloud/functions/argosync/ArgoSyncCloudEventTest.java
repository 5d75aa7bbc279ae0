package dev.a2acloud.functions.argosync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.core.gitops.GitOpsException;
import dev.a2acloud.core.gitops.GitOpsSync;
import dev.a2acloud.events.BuildCommitted;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.BuildSynced;
import dev.a2acloud.events.EventCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The argo-sync app in-process on a random port, POSTed to the way a Knative Trigger does. GitOps is a recording
 * {@link GitOpsSync} bean given to the app instead of Argo CD (which needs a cluster; ArgoCdSyncTest covers it
 * against the mock API server).
 */
class ArgoSyncCloudEventTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static ConfigurableApplicationContext app;
    static URI url;
    static final List<GitOpsSync.Request> SYNCS = new CopyOnWriteArrayList<>();
    private final EventCodec codec = new EventCodec();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        GitOpsSync gitOps = request -> {
            SYNCS.add(request);
            if (request.agent().equals("broken")) {
                throw new GitOpsException("Argo CD did not sync broken; last seen: health Degraded", false, null);
            }
            return new GitOpsSync.Synced(request.agent() + "-00001", "http://127.0.0.1:8080/agents/"
                    + request.agent() + "/");
        };
        app = new SpringApplicationBuilder(ArgoSyncApplication.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("testGitOps", gitOps))
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off")
                .run();
        url = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void committedInSyncedOutAndARedeliveryDeploysNothingNew() throws Exception {
        BuildCommitted committed = committed("echo");
        HttpResponse<byte[]> first = post(committed);
        assertEquals(200, first.statusCode());
        BuildSynced synced = assertInstanceOf(BuildSynced.class, decode(first));
        assertEquals("echo-00001", synced.revision());
        assertEquals(COMMIT, synced.commit());
        assertEquals("/a2a-cloud/argo-sync", first.headers().firstValue("ce-source").orElse(""));

        HttpResponse<byte[]> again = post(committed);
        assertEquals(200, again.statusCode());
        assertEquals(synced, decode(again));
        assertEquals(1, SYNCS.stream().filter(r -> r.agent().equals("echo")).count(), "redelivery synced once");
    }

    @Test
    void aPermanentGitOpsFailureRepliesBuildFailed() throws Exception {
        HttpResponse<byte[]> response = post(committed("broken"));
        assertEquals(200, response.statusCode());
        BuildFailed failed = assertInstanceOf(BuildFailed.class, decode(response));
        assertEquals("argo-sync", failed.stage());
        assertTrue(failed.reason().contains("health Degraded"), failed.reason());
    }

    private static BuildCommitted committed(String agent) {
        return new BuildCommitted("b-" + agent, agent, "u-1", "1.0.0", 1, "http://127.0.0.1:8080/git/u-1/" + agent
                + ".git", COMMIT, "sha256:" + "a".repeat(64), "http://127.0.0.1:8080/v1/artifacts/sha256:"
                + "a".repeat(64), null);
    }

    private HttpResponse<byte[]> post(BuildEvent event) throws Exception {
        return http.send(codec.encodeHttp(event, "git-commit").post(url).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private BuildEvent decode(HttpResponse<byte[]> response) {
        return codec.decodeHttp(response.headers(), response.body());
    }
}
