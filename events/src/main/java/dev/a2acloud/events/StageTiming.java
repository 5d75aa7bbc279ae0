package dev.a2acloud.events;

/** One timed validation stage; {@code outcome} is {@code passed}, {@code skipped} or {@code failed}. */
public record StageTiming(String stage, long millis, String outcome) {
}
