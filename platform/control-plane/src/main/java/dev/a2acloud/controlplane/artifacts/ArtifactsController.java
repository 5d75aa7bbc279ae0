package dev.a2acloud.controlplane.artifacts;

import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.auth.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/artifacts/sha256:<hex>}: for the service, or the owner of the artifact. */
@RestController
public class ArtifactsController {
    private final ArtifactService artifacts;

    public ArtifactsController(ArtifactService artifacts) {
        this.artifacts = artifacts;
    }

    @GetMapping("/v1/artifacts/{digest}")
    public ResponseEntity<byte[]> get(Caller caller, @PathVariable String digest) {
        String owner = caller.userOrService();
        byte[] data = artifacts.read(digest, owner).orElseThrow(() -> ApiException.notFound("artifact " + digest));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("ETag", "\"" + digest + "\"")
                .header("Cache-Control", "private, max-age=31536000, immutable")
                .body(data);
    }
}
