package dev.a2acloud.local.broker;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A Trigger's {@code delivery}: how many retries, the backoff between them (retry n waits
 * {@code backoffDelay * 2^(n-1)} exponential or {@code backoffDelay * n} linear), the per-attempt timeout, and where
 * an event goes when every attempt failed. Absent fields take Knative's defaults (no retry, no dead-letter sink).
 */
public record DeliverySpec(int retry, Backoff backoffPolicy, Duration backoffDelay, Duration timeout, Sink deadLetterSink) {
    public enum Backoff { LINEAR, EXPONENTIAL }

    static final DeliverySpec NONE = new DeliverySpec(0, Backoff.EXPONENTIAL, Duration.ofMillis(200), null, null);

    public Duration backoff(int retryNumber) {
        long base = backoffDelay.toMillis();
        long millis = backoffPolicy == Backoff.LINEAR ? base * retryNumber
                : base * (1L << Math.min(30, Math.max(0, retryNumber - 1)));
        return Duration.ofMillis(millis);
    }

    static DeliverySpec from(io.fabric8.knative.duck.v1.DeliverySpec spec, String where) {
        if (spec == null) {
            return NONE;
        }
        int retry = spec.getRetry() == null ? 0 : spec.getRetry();
        if (retry < 0) {
            throw new TriggerManifestException(where + ".retry: must be 0 or more, was " + retry);
        }
        Backoff policy = Backoff.EXPONENTIAL;
        if (spec.getBackoffPolicy() != null) {
            policy = switch (spec.getBackoffPolicy()) {
                case "linear" -> Backoff.LINEAR;
                case "exponential" -> Backoff.EXPONENTIAL;
                default -> throw new TriggerManifestException(where + ".backoffPolicy: '" + spec.getBackoffPolicy()
                        + "' is not linear or exponential");
            };
        }
        Duration delay = spec.getBackoffDelay() == null ? NONE.backoffDelay
                : duration(spec.getBackoffDelay(), where + ".backoffDelay");
        Duration timeout = spec.getTimeout() == null ? null : duration(spec.getTimeout(), where + ".timeout");
        Sink dls = spec.getDeadLetterSink() == null ? null : Sink.from(spec.getDeadLetterSink(), where + ".deadLetterSink");
        return new DeliverySpec(retry, policy, delay, timeout, dls);
    }

    private static Duration duration(String iso, String where) {
        try {
            Duration d = Duration.parse(iso);
            if (d.isNegative()) {
                throw new TriggerManifestException(where + ": '" + iso + "' is negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new TriggerManifestException(where + ": '" + iso + "' is not an ISO-8601 duration such as PT2S", e);
        }
    }
}
