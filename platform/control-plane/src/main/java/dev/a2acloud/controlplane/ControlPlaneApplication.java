package dev.a2acloud.controlplane;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The control plane. Runs alone in a cluster, or embedded: the CLI starts this class together with its own
 * {@code @Configuration} that registers the platform's servlets and provides {@code EventPublisher},
 * {@code AgentUndeployer} and {@code ServiceStatusSource}. Every setting has its default in code
 * ({@link dev.a2acloud.controlplane.config.ControlPlaneProperties}), so any property source can override it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ControlPlaneApplication {
    public static void main(String[] args) {
        SpringApplication.run(ControlPlaneApplication.class, args);
    }
}
