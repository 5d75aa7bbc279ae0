package dev.a2acloud.functions.cardprobe;

import java.time.Duration;

/** How long the probe may wait in all, and its backoff between polls (doubling from {@code firstPause}). */
public record ProbeSettings(Duration timeout, Duration firstPause, Duration maxPause) {
    public ProbeSettings {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("card-probe.timeout must be positive, was " + timeout);
        }
        if (firstPause == null || firstPause.isNegative() || firstPause.isZero()
                || maxPause == null || maxPause.compareTo(firstPause) < 0) {
            throw new IllegalArgumentException("card-probe pauses must be positive with max >= first, were "
                    + firstPause + " / " + maxPause);
        }
    }

    public static ProbeSettings defaults() {
        return new ProbeSettings(Duration.ofSeconds(60), Duration.ofMillis(50), Duration.ofSeconds(2));
    }
}
