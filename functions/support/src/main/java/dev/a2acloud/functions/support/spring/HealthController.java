package dev.a2acloud.functions.support.spring;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /healthz} for the Knative probes; more specific than Spring Cloud Function's {@code /**} mapping. */
@RestController
public class HealthController {
    @GetMapping("/healthz")
    String healthz() {
        return "ok";
    }
}
