package dev.a2acloud.controlplane.auth;

import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys that verify our tokens; open to everyone (they are public). */
@RestController
public class JwksController {
    private final Tokens tokens;

    public JwksController(Tokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/.well-known/jwks.json")
    public ResponseEntity<byte[]> jwks() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/jwk-set+json"))
                .header("Cache-Control", "public, max-age=300")
                .body(tokens.jwksJson().getBytes(StandardCharsets.UTF_8));
    }
}
