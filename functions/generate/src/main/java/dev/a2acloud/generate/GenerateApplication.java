package dev.a2acloud.generate;

import dev.a2acloud.events.BuildEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The generate Knative Service: one step bean over {@link BuildEvent} (build.requested and build.rejected arrive
 * here), exposed as a CloudEvent subscriber by function-support. Settings: see {@link GenerateWiring}; a missing
 * required one stops startup with its name.
 */
@SpringBootApplication
public class GenerateApplication {
    static final String[] SETTINGS = {"A2A_CONTROL_PLANE_URL", "A2A_SERVICE_TOKEN", "A2A_BROKER_URL",
        "A2A_SANDBOX_BACKEND", "A2A_GENERATE_MODEL", "A2A_GENERATE_MAX_ATTEMPTS", "A2A_GENERATE_TURNS_PER_INVOCATION",
        "A2A_GENERATE_INVOCATION_SECONDS"};

    @Bean
    Function<BuildEvent, BuildEvent> generate(Environment env) {
        Map<String, String> settings = new HashMap<>(System.getenv());
        for (String name : SETTINGS) {
            String value = env.getProperty(name);
            if (value != null) {
                settings.put(name, value);
            }
        }
        return GenerateWiring.fromEnvironment(settings);
    }

    public static void main(String[] args) {
        SpringApplication.run(GenerateApplication.class, args);
    }
}
