package dev.a2acloud.pack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Files in the caller's workspace ({@code /v1/workspace/files/{path}}, bearer = the workspace grant). Paths are
 * relative to the grant's bucket, e.g. {@code agents/echo/notes.md}; the platform refuses anything outside it.
 */
public final class WorkspaceClient {
    public record Entry(String path, long size) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final String platformUrl;
    private final String grant;

    public WorkspaceClient(String platformUrl, String grant) {
        this.platformUrl = platformUrl;
        this.grant = grant;
    }

    public byte[] read(String path) {
        HttpRequest request = PlatformHttp.request(fileUri(path), grant, TIMEOUT).GET().build();
        return PlatformHttp.expectOk(PlatformHttp.send(request, "reading " + path), "reading " + path).body();
    }

    public String readString(String path) {
        return new String(read(path), StandardCharsets.UTF_8);
    }

    public void write(String path, byte[] content) {
        HttpRequest request = PlatformHttp.request(fileUri(path), grant, TIMEOUT)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build();
        PlatformHttp.expectOk(PlatformHttp.send(request, "writing " + path), "writing " + path);
    }

    public void writeString(String path, String content) {
        write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public void delete(String path) {
        HttpRequest request = PlatformHttp.request(fileUri(path), grant, TIMEOUT).DELETE().build();
        PlatformHttp.expectOk(PlatformHttp.send(request, "deleting " + path), "deleting " + path);
    }

    /** The files under a prefix (a trailing '/' is added when missing). */
    public List<Entry> list(String prefix) {
        String p = prefix.endsWith("/") ? prefix : prefix + "/";
        HttpRequest request = PlatformHttp.request(fileUri(p), grant, TIMEOUT).GET().build();
        HttpResponse<byte[]> response = PlatformHttp.expectOk(PlatformHttp.send(request, "listing " + p), "listing " + p);
        try {
            JsonNode json = PlatformHttp.JSON.readTree(response.body());
            List<Entry> entries = new ArrayList<>();
            json.path("entries").forEach(e -> entries.add(new Entry(e.path("path").asText(), e.path("size").asLong())));
            return entries;
        } catch (IOException e) {
            throw new PackException("the workspace listing of " + p + " is not JSON: " + e.getMessage());
        }
    }

    private java.net.URI fileUri(String path) {
        if (path == null || path.isBlank()) {
            throw PackException.invalid("path", "is empty; pass a path inside your workspace grant");
        }
        StringBuilder encoded = new StringBuilder();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                encoded.append('/');
            }
            encoded.append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return PlatformHttp.uri(platformUrl, "/v1/workspace/files/" + encoded);
    }
}
