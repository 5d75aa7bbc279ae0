package dev.a2acloud.functions.support.spring;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Pins the function definition to {@value StepFunctionAutoConfiguration#FUNCTION} as a lowest-priority default, so
 * Knative's {@code POST /} reaches the CloudEvent adapter and not the raw step bean (a module may still override).
 */
public class StepFunctionEnvironment implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("a2a-step-function-defaults",
                Map.of("spring.cloud.function.definition", StepFunctionAutoConfiguration.FUNCTION)));
    }
}
