package dev.a2acloud.sandboxvalidate;

import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildGenerated;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The sandbox-validate Knative Service: one step bean, exposed as a CloudEvent subscriber by function-support.
 * Configuration comes from the environment (see {@link SandboxValidateWiring}); a missing setting stops startup
 * with its name.
 */
@SpringBootApplication
public class SandboxValidateApplication {

    @Bean
    Function<BuildGenerated, BuildEvent> sandboxValidate() {
        return SandboxValidateWiring.fromEnvironment(System.getenv());
    }

    public static void main(String[] args) {
        SpringApplication.run(SandboxValidateApplication.class, args);
    }
}
