package dev.a2acloud.controlplane.sandbox;

import com.fasterxml.jackson.core.JacksonException;
import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.api.ApiJson;
import dev.a2acloud.controlplane.auth.Caller;
import dev.a2acloud.core.sandbox.SandboxException;
import dev.a2acloud.core.sandbox.remote.GrantedSandboxRuns;
import dev.a2acloud.core.sandbox.remote.RemoteSandbox;
import dev.a2acloud.core.sandbox.remote.SandboxWire;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/sandbox/run}: agents' {@code ctx.sandbox} (and any holder of a workspace grant) run a command in the
 * platform sandbox with {@code /workspace} synced from and back to their grant. Body and answer: docs/contracts.md.
 */
@RestController
public class SandboxRunController {
    static final int MAX_BODY_BYTES = 1 << 20;

    private final Supplier<GrantedSandboxRuns> runs;

    public SandboxRunController(SandboxRuns runs) {
        this.runs = runs::get;
    }

    @PostMapping("/v1/sandbox/run")
    public ResponseEntity<byte[]> run(Caller caller, @RequestBody(required = false) byte[] body) {
        var grant = caller.requireWorkspaceGrant();
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("invalid_body", "send a JSON body with argv (or command and args)", "argv");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "too_large", "the run request is larger than 1 MiB");
        }
        SandboxWire.RunRequest request;
        try {
            request = SandboxWire.json().readValue(body, SandboxWire.RunRequest.class);
        } catch (JacksonException e) {
            throw ApiException.badRequest("invalid_json", "the body is not a run request: " + e.getOriginalMessage(),
                    null);
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("invalid_json", "the body cannot be read: " + e.getMessage(), null);
        }
        try {
            return ApiJson.ok(runs.get().run(grant, request));
        } catch (SandboxException e) {
            int status = RemoteSandbox.statusOf(e);
            String code = switch (e.kind()) {
                case BAD_REQUEST -> "invalid_run";
                case REFUSED -> "sandbox_refused";
                case UNAVAILABLE -> "sandbox_unavailable";
            };
            throw new ApiException(status, code, e.getMessage());
        }
    }
}
