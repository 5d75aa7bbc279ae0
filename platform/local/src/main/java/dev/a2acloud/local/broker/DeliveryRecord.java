package dev.a2acloud.local.broker;

import java.time.Instant;

/**
 * One finished delivery attempt, for the listing of recent deliveries. {@code outcome} is one of
 * {@code delivered}, {@code replied}, {@code retrying}, {@code dead-lettered}, {@code dropped}.
 */
public record DeliveryRecord(Instant at, String eventId, String type, String trigger, String destination,
                             int attempt, int status, String outcome, String detail) {
}
