package dev.a2acloud.controlplane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.a2acloud.controlplane.recorder.Recorder;
import dev.a2acloud.controlplane.users.UserTokens;
import dev.a2acloud.core.grants.BuildGrants;
import dev.a2acloud.core.grants.GrantException;
import dev.a2acloud.core.grants.GrantExchangeClient;
import dev.a2acloud.core.workspace.StoredObject;
import dev.a2acloud.core.workspace.TarballEntry;
import dev.a2acloud.core.workspace.TarballWriter;
import dev.a2acloud.core.workspace.WorkspaceClient;
import dev.a2acloud.core.workspace.WorkspaceException;
import dev.a2acloud.events.BinaryHttpMessage;
import dev.a2acloud.events.BuildCommitted;
import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildLive;
import dev.a2acloud.events.BuildPackaged;
import dev.a2acloud.events.BuildRequested;
import dev.a2acloud.events.BuildSynced;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.Origin;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /v1 API over real HTTP on loopback: authorisation matrix for two users, errors, grants, workspace, uploads. */
class ControlPlaneApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SERVICE = RunningControlPlane.SERVICE_TOKEN;

    @TempDir
    static Path home;
    static RunningControlPlane cp;
    static String alice;
    static String aliceId;
    static String bob;
    static String bobId;

    @BeforeAll
    static void start() {
        cp = new RunningControlPlane(home);
        UserTokens users = cp.bean(UserTokens.class);
        UserTokens.IssuedUser a = users.createLocalUser("alice");
        UserTokens.IssuedUser b = users.createLocalUser("bob");
        alice = a.token();
        aliceId = a.userId();
        bob = b.token();
        bobId = b.userId();
    }

    @AfterAll
    static void stop() {
        if (cp != null) {
            cp.close();
        }
    }

    @Test
    void everyV1CallNeedsABearerToken() {
        for (String path : List.of("/v1/builds", "/v1/agents", "/v1/workspace/files/agents/x", "/v1/services",
                "/v1/sandbox/run", "/v1/nothing-here")) {
            HttpResponse<String> response = cp.call("GET", path, null, null, null);
            assertError(response, 401, "unauthorized");
        }
        assertError(cp.call("GET", "/v1/agents", "not-a-token", null, null), 401, "unauthorized");
        HttpResponse<String> basic = cp.call("GET", "/v1/agents", null, null, null);
        assertEquals(401, basic.statusCode());
        assertEquals(200, cp.call("GET", "/.well-known/jwks.json", null, null, null).statusCode());
    }

    @Test
    void jwksIsPublicAndVerifiesOurTokens() throws Exception {
        JsonNode jwks = JSON.readTree(cp.call("GET", "/.well-known/jwks.json", null, null, null).body());
        assertTrue(jwks.path("keys").size() >= 1);
        assertFalse(jwks.toString().contains("\"d\""));
        String kid = com.nimbusds.jwt.SignedJWT.parse(alice).getHeader().getKeyID();
        assertTrue(jwks.toString().contains(kid));
    }

    @Test
    void startsABuildAndShowsItOnlyToItsOwner() throws Exception {
        String name = uniqueName("echo");
        HttpResponse<String> created = cp.json("POST", "/v1/builds", alice,
                "{\"name\":\"" + name + "\",\"prompt\":\"echo what I say\"}");
        assertEquals(202, created.statusCode(), created.body());
        JsonNode build = JSON.readTree(created.body());
        String buildId = build.path("buildId").asText();
        assertTrue(buildId.startsWith("b-"));
        assertEquals("running", build.path("status").asText());
        assertEquals("1.0.0", build.path("version").asText());
        assertEquals("/v1/builds/" + buildId + "/events", build.path("links").path("events").asText());
        BuildRequested requested = (BuildRequested) cp.published().events.stream()
                .filter(e -> e.buildId().equals(buildId)).findFirst().orElseThrow();
        assertEquals(aliceId, requested.owner());
        assertEquals("echo what I say", requested.prompt());

        JsonNode detail = JSON.readTree(cp.call("GET", "/v1/builds/" + buildId, alice, null, null).body());
        assertEquals("generate", detail.path("currentStep").asText());
        assertEquals("requested", detail.path("timeline").get(0).path("type").asText());
        assertEquals(200, cp.call("GET", "/v1/builds/" + buildId, SERVICE, null, null).statusCode());

        // The authorisation matrix for what alice owns, seen by bob: he learns nothing exists.
        assertError(cp.call("GET", "/v1/builds/" + buildId, bob, null, null), 404, "not_found");
        assertError(cp.call("GET", "/v1/builds/" + buildId + "/events", bob, null, null), 404, "not_found");
        assertError(cp.call("GET", "/v1/agents/" + name, bob, null, null), 404, "not_found");
        assertError(cp.call("GET", "/v1/agents/" + name + "/deployments", bob, null, null), 404, "not_found");
        assertError(cp.call("DELETE", "/v1/agents/" + name, bob, null, null), 404, "not_found");
        assertFalse(cp.call("GET", "/v1/builds", bob, null, null).body().contains(buildId));
        assertFalse(cp.call("GET", "/v1/agents", bob, null, null).body().contains(name));
        assertTrue(cp.call("GET", "/v1/builds", alice, null, null).body().contains(buildId));
        assertTrue(cp.call("GET", "/v1/agents", alice, null, null).body().contains(name));
        // Names are global: bob cannot take alice's.
        assertError(cp.json("POST", "/v1/builds", bob, "{\"name\":\"" + name + "\",\"prompt\":\"mine\"}"), 409,
                "name_taken");
        // Users cannot call what only pipeline steps may.
        assertError(cp.json("POST", "/v1/builds/" + buildId + "/grants", alice, "{\"step\":\"generate\"}"), 403,
                "wrong_credential");
        assertError(cp.call("PUT", "/v1/builds/" + buildId + "/artifact/source", alice, new byte[] {1}, null), 403,
                "wrong_credential");
        assertError(cp.call("POST", "/v1/events", alice, new byte[] {1}, "application/json"), 403,
                "wrong_credential");
        assertError(cp.call("POST", "/v1/users", alice, null, null), 403, "wrong_credential");
    }

    @Test
    void refusesBadNamesWithTheRule() throws Exception {
        for (String bad : List.of("Echo", "1echo", "echo-", "e_cho", "x".repeat(58), "")) {
            HttpResponse<String> response = cp.json("POST", "/v1/builds", alice,
                    "{\"name\":\"" + bad + "\",\"prompt\":\"p\"}");
            assertError(response, 400, "invalid_name");
            assertTrue(response.body().contains("DNS-1035"), response.body());
            assertEquals("name", JSON.readTree(response.body()).path("error").path("field").asText());
        }
        for (String reserved : List.of("agent-builder", "control-plane", "broker", "generate", "sandbox-runner",
                "litellm", "card-probe")) {
            assertError(cp.json("POST", "/v1/builds", alice, "{\"name\":\"" + reserved + "\",\"prompt\":\"p\"}"),
                    400, "reserved_name");
        }
        assertEquals(202, cp.json("POST", "/v1/builds", alice,
                "{\"name\":\"" + "a".repeat(57) + "\",\"prompt\":\"p\"}").statusCode());
    }

    @Test
    void answersEveryBadRequestInTheOneErrorShape() {
        assertError(cp.json("POST", "/v1/builds", alice, "{not json"), 400, "invalid_json");
        assertError(cp.json("POST", "/v1/builds", alice, "[1,2]"), 400, "invalid_json");
        assertError(cp.json("POST", "/v1/builds", alice, null), 400, "invalid_json");
        assertError(cp.json("POST", "/v1/builds", alice, "{\"name\":\"ok-name\"}"), 400, "missing_field");
        assertError(cp.json("POST", "/v1/builds", alice, "{\"name\":5,\"prompt\":\"p\"}"), 400, "invalid_field");
        assertError(cp.json("POST", "/v1/builds", alice,
                "{\"name\":\"okname\",\"prompt\":\"p\",\"version\":\"one\"}"), 400, "invalid_version");
        assertError(cp.call("GET", "/v1/no/such/route", alice, null, null), 404, "not_found");
        assertError(cp.call("GET", "/nothing", null, null, null), 404, "not_found");
        assertError(cp.call("PATCH", "/v1/builds", alice, new byte[] {1}, "application/json"), 405,
                "method_not_allowed");
        assertError(cp.call("GET", "/v1/builds/b-unknown", alice, null, null), 404, "not_found");
        assertError(cp.call("GET", "/v1/artifacts/not-a-digest", alice, null, null), 400, "invalid_artifact");
        assertError(cp.call("POST", "/v1/agents/from-tarball", alice, "x".getBytes(), "text/plain"), 415,
                "unsupported_media_type");
        assertError(cp.call("POST", "/v1/agents/from-tarball", alice, "x".getBytes(),
                "multipart/form-data; boundary=zzz"), 400, "missing_field");
        HttpResponse<String> tooBig = multipart(alice, "big", null, new byte[3 << 20]);
        assertError(tooBig, 413, "too_large");
    }

    @Test
    void exchangesGrantsThatWorkOnTheWorkspaceAndNowhereElse() throws Exception {
        String name = uniqueName("files");
        String buildId = startBuild(alice, name);
        GrantExchangeClient exchange = new GrantExchangeClient(cp.base, SERVICE, cp.http);
        BuildGrants grants = exchange.exchange(buildId, "generate");
        assertEquals(aliceId, grants.owner());
        assertEquals(name, grants.agent());
        assertEquals("agents/" + name + "/", grants.workspace().prefix());
        assertEquals(cp.base + "/llm/v1", grants.llm().baseUrl());
        assertEquals(200, cp.call("GET", "/v1/agents", grants.controlPlane().token(), null, null).statusCode());

        WorkspaceClient files = new WorkspaceClient(cp.base, grants.workspace().token());
        String prefix = grants.workspace().prefix();
        assertEquals("sha256:", files.write(prefix + "agent/Agent.java", bytes("class Agent {}")).sha256()
                .substring(0, 7));
        files.write(prefix + "a2a.yaml", bytes("name: " + name + "\nversion: 1.0.0\n"));
        files.write(prefix + "dir with space/ü.txt", bytes("unicode"));
        assertArrayEquals(bytes("class Agent {}"), files.read(prefix + "agent/Agent.java"));
        assertArrayEquals(bytes("unicode"), files.read(prefix + "dir with space/ü.txt"));
        assertEquals(3, files.list(prefix).size());
        byte[] archive = files.downloadArchive(prefix);
        files.uploadArchive(prefix + "copy/", archive);
        assertEquals(6, files.list(prefix).size());
        files.delete(prefix + "dir with space/ü.txt");
        assertTrue(files.readIfExists(prefix + "dir with space/ü.txt").isEmpty());

        WorkspaceException outside = assertThrows(WorkspaceException.class,
                () -> files.write("agents/someone-else/x", bytes("x")));
        assertEquals(WorkspaceException.Kind.OUTSIDE_GRANT, outside.kind());
        assertEquals("outside_grant", outside.code());
        for (String hostile : List.of("/v1/workspace/files/agents/" + name + "/%2e%2e/%2e%2e/x",
                "/v1/workspace/files/agents/" + name + "/%252e%252e/x",
                "/v1/workspace/files/agents/" + name + "/a%00b",
                "/v1/workspace/files/agents/" + name + "/a%5cb",
                "/v1/workspace/files/agents/" + name + "/..%2f..%2fx",
                "/v1/workspace/files/agents/" + name + "/a;b")) {
            HttpResponse<String> response = cp.call("PUT", hostile, grants.workspace().token(), bytes("x"), null);
            assertEquals(400, response.statusCode(), hostile + " " + response.body());
            assertTrue(response.body().startsWith("{\"error\""), hostile + " " + response.body());
        }
        // A workspace grant is not a user token, and a user token is not a workspace grant.
        assertError(cp.call("GET", "/v1/agents", grants.workspace().token(), null, null), 403, "wrong_credential");
        assertError(cp.call("GET", "/v1/workspace/files/" + prefix, alice, null, null), 403, "wrong_credential");
        // An LLM grant opens nothing here.
        assertError(cp.call("GET", "/v1/agents", grants.llm().token(), null, null), 401, "unauthorized");

        GrantException badToken = assertThrows(GrantException.class,
                () -> new GrantExchangeClient(cp.base, "wrong-service-token-0123456789", cp.http)
                        .exchange(buildId, "generate"));
        assertEquals(GrantException.Refusal.UNAUTHORIZED, badToken.refusal());
        GrantException unknown = assertThrows(GrantException.class, () -> exchange.exchange("b-nope", "generate"));
        assertEquals(GrantException.Refusal.NOT_FOUND, unknown.refusal());
        assertTrue(unknown.retryable(), "the recorder may not have seen the build yet; the broker asks again");

        // A build that came in as a CloudEvent (never checked by POST /v1/builds) gets nothing for a made-up owner.
        String stranger = "b-stranger-" + uniqueName("x");
        cp.bean(Recorder.class).record(new BuildRequested(stranger, uniqueName("odd"), "u-nobody", "1.0.0", 1,
                "anything", false, 0), "curl");
        GrantException notAUser = assertThrows(GrantException.class, () -> exchange.exchange(stranger, "generate"));
        assertEquals(GrantException.Refusal.REFUSED, notAUser.refusal());
        assertFalse(notAUser.retryable());
        assertTrue(notAUser.getMessage().contains("'u-nobody', who is not a user"), notAUser.getMessage());
        assertError(cp.json("POST", "/v1/builds/" + buildId + "/grants", SERVICE, "{}"), 400, "invalid_step");
    }

    @Test
    void storesArtifactsImmutablyForTheOwnerOnly() throws Exception {
        String name = uniqueName("art");
        String buildId = startBuild(alice, name);
        byte[] source = bytes("source tarball bytes");
        HttpResponse<String> first = cp.call("PUT", "/v1/builds/" + buildId + "/artifact/source", SERVICE, source,
                "application/octet-stream");
        assertEquals(201, first.statusCode(), first.body());
        JsonNode stored = JSON.readTree(first.body());
        String digest = stored.path("digest").asText();
        assertEquals(cp.base + "/v1/artifacts/" + digest, stored.path("uri").asText());
        HttpResponse<String> again = cp.call("PUT", "/v1/builds/" + buildId + "/artifact/source", SERVICE, source,
                "application/octet-stream");
        assertEquals(200, again.statusCode());
        assertEquals(first.body(), again.body());
        assertEquals("source tarball bytes", cp.call("GET", "/v1/artifacts/" + digest, alice, null, null).body());
        assertEquals(200, cp.call("GET", "/v1/artifacts/" + digest, SERVICE, null, null).statusCode());
        assertError(cp.call("GET", "/v1/artifacts/" + digest, bob, null, null), 404, "not_found");
        assertError(cp.call("PUT", "/v1/builds/" + buildId + "/artifact/zip", SERVICE, source, null), 400,
                "invalid_kind");
        assertError(cp.call("PUT", "/v1/builds/b-missing/artifact/jar", SERVICE, source, null), 404, "not_found");

        // A second build of the same version with other source is a conflict.
        String second = startBuild(alice, name + "-x");
        cp.bean(Recorder.class).record(new BuildRequested(second + "-v", name, aliceId, "1.0.0", 1, "again", false,
                0), "test");
        assertError(cp.call("PUT", "/v1/builds/" + second + "-v/artifact/source", SERVICE, bytes("other source"),
                null), 409, "version_exists");
    }

    @Test
    void uploadsAProjectAndEntersAtValidation() throws Exception {
        String name = uniqueName("up");
        byte[] project = TarballWriter.write(List.of(
                new TarballEntry("a2a.yaml", bytes("name: " + name + "\nversion: 2.1.0\n")),
                new TarballEntry("agent/Agent.java", bytes("class Agent {}")),
                new TarballEntry(".a2a/transcript.json", bytes("{}"))));
        HttpResponse<String> response = multipart(alice, name, null, project);
        assertEquals(202, response.statusCode(), response.body());
        JsonNode build = JSON.readTree(response.body());
        assertEquals("2.1.0", build.path("version").asText());
        assertEquals("upload", build.path("origin").asText());
        BuildGenerated generated = (BuildGenerated) cp.published().events.stream()
                .filter(e -> e.buildId().equals(build.path("buildId").asText())).findFirst().orElseThrow();
        assertEquals(Origin.UPLOAD, generated.origin());
        assertEquals("agents/" + name + "/", generated.sourcePrefix());
        BuildGrants grants = new GrantExchangeClient(cp.base, SERVICE, cp.http)
                .exchange(generated.buildId(), "sandbox-validate");
        WorkspaceClient files = new WorkspaceClient(cp.base, grants.workspace().token());
        assertEquals(List.of("agents/" + name + "/a2a.yaml", "agents/" + name + "/agent/Agent.java"),
                files.list("agents/" + name + "/").stream().map(StoredObject::path).toList());

        // Hostile uploads are refused whole; the agent's folder is untouched.
        byte[] symlink = hostileTarball(name);
        HttpResponse<String> refused = multipart(alice, name, "2.2.0", symlink);
        assertError(refused, 400, "symlink_entry");
        assertEquals(2, files.list("agents/" + name + "/").size());
        assertError(multipart(alice, name, "9.9.9", project), 400, "version_mismatch");
        assertError(multipart(alice, "other-name", null, project), 400, "name_mismatch");
        assertError(multipart(bob, name, null, project), 409, "name_taken");
        assertError(multipart(alice, name, null, TarballWriter.write(List.of(new TarballEntry("x.txt", bytes("x"))))),
                400, "missing_manifest");
    }

    @Test
    void recordsEventsPostedAsCloudEventsAndFollowsABuildToItsEnd() throws Exception {
        String name = uniqueName("live");
        String buildId = startBuild(alice, name);
        EventCodec codec = new EventCodec();
        CompletableFuture<List<String>> stream = CompletableFuture.supplyAsync(() -> follow(buildId, alice));
        post(codec.encodeHttp(new BuildGenerated(buildId, name, aliceId, "1.0.0", 1, Origin.PROMPT,
                "agents/" + name + "/"), "generate"));
        post(codec.encodeHttp(new BuildPackaged(buildId, name, aliceId, "1.0.0", 1, "agents/" + name + "/",
                "sha256:" + "a".repeat(64), "http://x/a", "sha256:" + "b".repeat(64), "http://x/b", null), "package"));
        post(codec.encodeHttp(new BuildCommitted(buildId, name, aliceId, "1.0.0", 1, "http://git/x", "c".repeat(40),
                "sha256:" + "b".repeat(64), "http://x/b", null), "git-commit"));
        post(codec.encodeHttp(new BuildSynced(buildId, name, aliceId, "1.0.0", 1, "c".repeat(40), name + "-00001",
                "http://127.0.0.1/agents/" + name + "/", null), "argo-sync"));
        BinaryHttpMessage live = codec.encodeHttp(new BuildLive(buildId, name, aliceId, "1.0.0", 1,
                "http://127.0.0.1/agents/" + name + "/", name + "-00001", List.of("echo"), 1200), "card-probe");
        post(live);
        post(live); // a redelivery changes nothing

        List<String> seen = stream.get(30, TimeUnit.SECONDS);
        assertEquals(List.of("requested", "generated", "packaged", "committed", "synced", "live"), seen);
        JsonNode agent = JSON.readTree(cp.call("GET", "/v1/agents/" + name, alice, null, null).body());
        assertEquals("live", agent.path("status").asText());
        assertEquals("1.0.0", agent.path("version").asText());
        assertEquals("http://127.0.0.1/agents/" + name + "/", agent.path("url").asText());
        JsonNode deployments = JSON.readTree(cp.call("GET", "/v1/agents/" + name + "/deployments", alice, null, null)
                .body()).path("deployments");
        assertEquals(List.of("live", "synced", "committed"), types(deployments));
        JsonNode build = JSON.readTree(cp.call("GET", "/v1/builds/" + buildId, alice, null, null).body());
        assertEquals("live", build.path("status").asText());
        assertEquals(6, build.path("timeline").size());

        HttpResponse<String> bad = cp.call("POST", "/v1/events", SERVICE, bytes("{}"), "application/json");
        assertError(bad, 400, "invalid_event");

        assertEquals(204, cp.call("DELETE", "/v1/agents/" + name, alice, null, null).statusCode());
        assertTrue(cp.bean(RunningControlPlane.Undeployed.class).agents.contains(aliceId + "/" + name));
        assertError(cp.call("GET", "/v1/agents/" + name, alice, null, null), 404, "not_found");
        assertEquals(202, cp.json("POST", "/v1/builds", bob, "{\"name\":\"" + name + "\",\"prompt\":\"p\"}")
                .statusCode(), "a deleted agent's name is free again");
    }

    @Test
    void aBuildTheBrokerRefusesEndsFailedAnd503() throws Exception {
        String name = uniqueName("down");
        cp.published().brokerDown = true;
        try {
            HttpResponse<String> response = cp.json("POST", "/v1/builds", alice,
                    "{\"name\":\"" + name + "\",\"prompt\":\"p\"}");
            assertError(response, 503, "broker_unavailable");
        } finally {
            cp.published().brokerDown = false;
        }
        JsonNode builds = JSON.readTree(cp.call("GET", "/v1/builds", alice, null, null).body()).path("builds");
        JsonNode failed = null;
        for (JsonNode b : builds) {
            if (b.path("agent").asText().equals(name)) {
                failed = b;
            }
        }
        assertNotNull(failed);
        assertEquals("failed", failed.path("status").asText());
    }

    @Test
    void createsUsersWithTheServiceToken() throws Exception {
        HttpResponse<String> created = cp.json("POST", "/v1/users", SERVICE, "{\"name\":\"carol\"}");
        assertEquals(201, created.statusCode());
        String token = JSON.readTree(created.body()).path("token").asText();
        assertEquals("carol", JSON.readTree(cp.call("GET", "/v1/me", token, null, null).body()).path("name")
                .asText());
    }

    // --- helpers

    private static String startBuild(String token, String name) throws Exception {
        HttpResponse<String> created = cp.json("POST", "/v1/builds", token,
                "{\"name\":\"" + name + "\",\"prompt\":\"do it\"}");
        assertEquals(202, created.statusCode(), created.body());
        return JSON.readTree(created.body()).path("buildId").asText();
    }

    private static void post(BinaryHttpMessage message) {
        HttpRequest.Builder request = message.post(URI.create(cp.base + "/v1/events"))
                .header("Authorization", "Bearer " + SERVICE);
        try {
            HttpResponse<String> response = cp.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the SSE stream to its end and returns the event names. */
    private static List<String> follow(String buildId, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cp.base + "/v1/builds/" + buildId + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(60)).GET().build();
        List<String> names = new ArrayList<>();
        try {
            HttpResponse<java.io.InputStream> response = cp.http.send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        names.add(line.substring(6).strip());
                    }
                    if (line.startsWith("data:")) {
                        JsonNode data = JSON.readTree(line.substring(5));
                        assertEquals(buildId, data.path("data").path("buildId").asText());
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    private static HttpResponse<String> multipart(String token, String name, String version, byte[] tarGz) {
        String boundary = "----a2a" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        java.util.function.Consumer<String> text = s -> body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("name", name);
        if (version != null) {
            fields.put("version", version);
        }
        fields.forEach((k, v) -> text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n"));
        text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"source\"; filename=\"p.tar.gz\""
                + "\r\nContent-Type: application/gzip\r\n\r\n");
        body.writeBytes(tarGz);
        text.accept("\r\n--" + boundary + "--\r\n");
        return cp.call("POST", "/v1/agents/from-tarball", token, body.toByteArray(),
                "multipart/form-data; boundary=" + boundary);
    }

    private static byte[] hostileTarball(String name) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(bytes))) {
            byte[] yaml = bytes("name: " + name + "\nversion: 2.2.0\n");
            var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("a2a.yaml");
            entry.setSize(yaml.length);
            tar.putArchiveEntry(entry);
            tar.write(yaml);
            tar.closeArchiveEntry();
            var link = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("agent/x",
                    org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static List<String> types(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.path("type").asText()));
        return out;
    }

    static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            assertInstanceOf(com.fasterxml.jackson.databind.node.ObjectNode.class, error, response.body());
            assertEquals(code, error.path("code").asText(), response.body());
            assertFalse(error.path("message").asText().isBlank());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static String uniqueName(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
