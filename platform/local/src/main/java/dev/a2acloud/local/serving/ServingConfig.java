package dev.a2acloud.local.serving;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Local serving settings. {@code publicBase} is the platform's own base URL ({@code http://127.0.0.1:8080}); a
 * supplier because the port is known only once the server started. {@code platformUrl} is what agents get as
 * {@code A2A_PLATFORM_URL} (sandbox runs, workspace, model gateway); null means {@code publicBase}, the embedded
 * platform serving everything on one port. {@code idleWindow} is Knative's
 * scale-to-zero grace: an instance without requests for that long stops.
 */
public record ServingConfig(Path home, Supplier<URI> publicBase, String platformUrl, Duration idleWindow,
                            Duration startTimeout, Duration holdTimeout, Duration reapInterval) {

    public ServingConfig {
        requirePositive("idleWindow", idleWindow);
        requirePositive("startTimeout", startTimeout);
        requirePositive("holdTimeout", holdTimeout);
        requirePositive("reapInterval", reapInterval);
    }

    /** Defaults as Knative's: 60 s scale-to-zero window; a start may take 30 s; requests are held up to 60 s. */
    public static ServingConfig defaults(Path home, Supplier<URI> publicBase, String platformUrl) {
        return new ServingConfig(home, publicBase, platformUrl, Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofSeconds(1));
    }

    public ServingConfig withIdleWindow(Duration idle, Duration reap) {
        return new ServingConfig(home, publicBase, platformUrl, idle, startTimeout, holdTimeout, reap);
    }

    public ServingConfig withTimeouts(Duration start, Duration hold) {
        return new ServingConfig(home, publicBase, platformUrl, idleWindow, start, hold, reapInterval);
    }

    Path servingDir() {
        return home.resolve("serving");
    }

    private static void requirePositive(String property, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("serving." + property + " must be a positive duration, was " + value);
        }
    }
}
