package dev.a2acloud.functions.packaging;

import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildValidated;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The package Knative Service: one step bean, exposed as a CloudEvent subscriber by function-support. Settings are
 * {@code A2A_CONTROL_PLANE_URL} and {@code A2A_SERVICE_TOKEN} (environment or any Spring property source); a missing
 * one stops startup with its name.
 */
@SpringBootApplication
public class PackageApplication {

    @Bean
    Function<BuildValidated, BuildEvent> packageStep(Environment env) {
        Map<String, String> settings = new HashMap<>();
        for (String name : new String[] {"A2A_CONTROL_PLANE_URL", "A2A_SERVICE_TOKEN"}) {
            String value = env.getProperty(name);
            if (value != null) {
                settings.put(name, value);
            }
        }
        return PackageWiring.fromEnvironment(settings);
    }

    public static void main(String[] args) {
        SpringApplication.run(PackageApplication.class, args);
    }
}
