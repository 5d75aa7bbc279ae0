package dev.a2acloud.core.sandbox.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.a2acloud.core.sandbox.SafeArchive;
import dev.a2acloud.core.sandbox.Sandbox;
import dev.a2acloud.core.sandbox.SandboxException;
import dev.a2acloud.core.sandbox.SandboxProcess;
import dev.a2acloud.core.sandbox.SandboxRequest;
import dev.a2acloud.core.sandbox.SandboxResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * A sandbox behind HTTP: the sandbox-runner's {@code POST /v1/run} (bearer = service credential) or the control
 * plane's {@code POST /v1/sandbox/run} (bearer = a workspace grant). The local workspace folder is sent as a tar.gz
 * and the files the run changed or deleted are applied back to it, so callers see the same result as locally.
 */
public final class RemoteSandbox implements Sandbox {
    private final URI endpoint;
    private final Supplier<String> bearer;
    private final HttpClient http;

    public RemoteSandbox(URI endpoint, Supplier<String> bearer, HttpClient http) {
        this.endpoint = endpoint;
        this.bearer = bearer;
        this.http = http;
    }

    @Override
    public SandboxResult exec(SandboxRequest request, String command, List<String> args) {
        Path workspace = request.workspace();
        byte[] archive = workspace == null ? null : SafeArchive.pack(workspace, SafeArchive.allFiles(workspace));
        SandboxWire.RunRequest wire = SandboxWire.toWire(request, command, args, archive, null);
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(endpoint)
                    .timeout(request.timeout().plus(Duration.ofSeconds(60)))
                    .header("Authorization", "Bearer " + bearer.get())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(SandboxWire.json().writeValueAsBytes(wire)))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw SandboxException.unavailable("the sandbox service at " + endpoint + " is unreachable: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SandboxException.unavailable("interrupted while waiting for the sandbox service", e);
        }
        if (response.statusCode() != 200) {
            throw failure(response);
        }
        SandboxWire.RunResponse answer;
        try {
            answer = SandboxWire.json().readValue(response.body(), SandboxWire.RunResponse.class);
        } catch (IOException e) {
            throw SandboxException.unavailable("the sandbox service answered something that is not a run result", e);
        }
        if (workspace != null) {
            applyChanges(workspace, answer);
        }
        return SandboxWire.fromWire(answer);
    }

    private static void applyChanges(Path workspace, SandboxWire.RunResponse answer) {
        for (String deleted : answer.deletedFiles() == null ? List.<String>of() : answer.deletedFiles()) {
            Path file = workspace.resolve(SafeArchive.checkedName(deleted));
            try {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                throw SandboxException.unavailable("cannot apply the run's deletion of " + deleted, e);
            }
        }
        if (answer.workspace() != null && !answer.workspace().isEmpty()) {
            SafeArchive.unpack(new ByteArrayInputStream(Base64.getDecoder().decode(answer.workspace())), workspace,
                    true);
        }
    }

    private static SandboxException failure(HttpResponse<byte[]> response) {
        String message = "the sandbox service answered HTTP " + response.statusCode();
        try {
            JsonNode error = SandboxWire.json().readTree(response.body()).path("error");
            if (error.hasNonNull("message")) {
                message = error.get("message").asText();
            }
        } catch (IOException notJson) {
            // keep the status line
        }
        int status = response.statusCode();
        if (status == 400) {
            return SandboxException.badRequest(message);
        }
        if (status == 401 || status == 403 || status == 422) {
            return SandboxException.refused(message);
        }
        return SandboxException.unavailable(message, null);
    }

    @Override
    public SandboxProcess start(SandboxRequest request, List<String> commandLine, boolean shareHostNetwork) {
        throw SandboxException.refused("a remote sandbox runs commands to completion only; long-running agent "
                + "instances are started by serving on its own sandbox");
    }

    @Override
    public String describe() {
        return "remote(" + endpoint + ")";
    }

    /** Used by error shapes: the HTTP status a {@link SandboxException} maps to. */
    public static int statusOf(SandboxException e) {
        return switch (e.kind()) {
            case BAD_REQUEST -> 400;
            case REFUSED -> 422;
            case UNAVAILABLE -> 503;
        };
    }


}
