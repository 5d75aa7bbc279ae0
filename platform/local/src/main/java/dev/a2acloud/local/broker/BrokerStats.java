package dev.a2acloud.local.broker;

/**
 * Counters since start. {@code accepted}: events journaled (ingress and replies); {@code delivered}: deliveries a
 * subscriber acknowledged; {@code retried}: attempts scheduled again; {@code deadLettered}: events handed to a
 * dead-letter sink; {@code dropped}: events given up without a sink or whose reply ran out of TTL.
 */
public record BrokerStats(long accepted, long delivered, long retried, long deadLettered, long dropped) {
}
