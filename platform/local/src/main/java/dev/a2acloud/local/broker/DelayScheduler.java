package dev.a2acloud.local.broker;

import java.time.Duration;

/** Runs a retry after its backoff; injected so tests drive backoff with a fake clock instead of sleeping. */
@FunctionalInterface
public interface DelayScheduler {
    void schedule(Duration delay, Runnable task);
}
