package dev.a2acloud.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.a2acloud.pack.tool.Template;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upload entry point end to end: a project written from the template is uploaded as a tarball and goes live
 * through validation (nothing ships unverified); a hostile tarball (zip-slip) is refused with a 400 that says why,
 * and nothing of it lands in the workspace.
 */
class TarballDeployTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "a2a-e2e-boundary";

    @RegisterExtension
    static final FreshPlatform fresh = new FreshPlatform();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void uploadedTemplateProjectGoesLive(@TempDir Path dir) throws Exception {
        Path project = dir.resolve("uploaded");
        Template.write("uploaded", project);
        HttpResponse<String> accepted = upload("uploaded", tarGz(project));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = JSON.readTree(accepted.body()).path("buildId").asText();

        JsonNode build = waitForEnd(id);
        assertEquals("live", build.path("status").asText(), () -> "upload did not go live: " + build);
        HttpResponse<String> card = get(build.path("url").asText() + ".well-known/agent-card.json");
        assertEquals(200, card.statusCode());
        assertEquals("uploaded", JSON.readTree(card.body()).path("name").asText());
    }

    @Test
    void zipSlipTarballIsRefusedAndNothingIsWritten() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            byte[] evil = "pwned".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("../../escape.txt", true);
            entry.setSize(evil.length);
            tar.putArchiveEntry(entry);
            tar.write(evil);
            tar.closeArchiveEntry();
        }
        HttpResponse<String> refused = upload("slippery", bytes.toByteArray());
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(JSON.readTree(refused.body()).path("error").path("message").asText().contains(".."),
                "the reason names the bad path: " + refused.body());
        try (Stream<Path> files = Files.walk(fresh.home())) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().equals("escape.txt")),
                    "nothing of a refused tarball is written");
        }
    }

    private static byte[] tarGz(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes));
             Stream<Path> walk = Files.walk(dir)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path file : files) {
                TarArchiveEntry entry = new TarArchiveEntry(dir.relativize(file).toString().replace('\\', '/'));
                byte[] content = Files.readAllBytes(file);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private HttpResponse<String> upload(String name, byte[] tarball) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + name
                + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"source\"; filename=\"src.tar.gz\""
                + "\r\nContent-Type: application/gzip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(tarball);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(fresh.platform().url() + "/v1/agents/from-tarball"))
                .header("Authorization", "Bearer " + fresh.calls().token())
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode waitForEnd(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            JsonNode build = JSON.readTree(get(fresh.platform().url() + "/v1/builds/" + id).body());
            if (!build.path("status").asText().equals("running")) {
                return build;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("build " + id + " still running after 5 minutes");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + fresh.calls().token())
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
