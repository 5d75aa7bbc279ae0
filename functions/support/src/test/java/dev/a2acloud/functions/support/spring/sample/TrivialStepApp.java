package dev.a2acloud.functions.support.spring.sample;

import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildValidated;
import dev.a2acloud.events.PlatformException;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A function module in miniature: one step bean, nothing else. Agent names pick the failure paths. */
@SpringBootApplication
public class TrivialStepApp {
    static final class StepFailure extends PlatformException {
        StepFailure(String message, boolean retryable) {
            super(message, retryable);
        }
    }

    @Bean
    Function<BuildGenerated, BuildEvent> validate() {
        return in -> switch (in.agent()) {
            case "busy" -> throw new StepFailure("the sandbox pool is full; retry", true);
            case "broken" -> throw new StepFailure("a2a.yaml names no entrypoint; add one", false);
            case "quiet" -> null;
            default -> new BuildValidated(in.buildId(), in.agent(), in.owner(), in.version(), in.attempt(),
                    in.origin(), in.sourcePrefix(), "sha256:" + "a".repeat(64), null, null);
        };
    }
}
