package dev.a2acloud.controlplane;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/**
 * The control plane. Runs alone in a cluster, or embedded: the CLI starts this class together with its own
 * {@code @Configuration} that registers the platform's servlets and provides {@code EventPublisher},
 * {@code AgentUndeployer} and {@code ServiceStatusSource}. Defaults live in a property source of lowest precedence,
 * so every setting can be overridden by the assembly, the environment or the command line.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:dev/a2acloud/controlplane/control-plane-defaults.properties")
public class ControlPlaneApplication {
    public static void main(String[] args) {
        SpringApplication.run(ControlPlaneApplication.class, args);
    }
}
