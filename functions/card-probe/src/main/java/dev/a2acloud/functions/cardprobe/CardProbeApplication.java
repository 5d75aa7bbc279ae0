package dev.a2acloud.functions.cardprobe;

import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildSynced;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The card-probe Knative Service: one step bean, exposed as a CloudEvent subscriber by function-support.
 * {@code A2A_PROBE_TIMEOUT_SECONDS} (60) bounds the whole probe; it polls from 50 ms, doubling up to 2 s.
 */
@SpringBootApplication
public class CardProbeApplication {

    @Bean
    Function<BuildSynced, BuildEvent> cardProbeStep(Environment env) {
        String value = env.getProperty("A2A_PROBE_TIMEOUT_SECONDS", "60");
        long timeout;
        try {
            timeout = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            timeout = -1;
        }
        if (timeout <= 0 || timeout > 3600) {
            throw new IllegalStateException("A2A_PROBE_TIMEOUT_SECONDS must be 1..3600 seconds, was '" + value + "'");
        }
        return new CardProbe(AgentHttp.jdk(Duration.ofSeconds(10)),
                new ProbeSettings(Duration.ofSeconds(timeout), Duration.ofMillis(50), Duration.ofSeconds(2)),
                Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    public static void main(String[] args) {
        SpringApplication.run(CardProbeApplication.class, args);
    }
}
