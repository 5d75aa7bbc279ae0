package dev.a2acloud.local.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records backoff delays and runs the waiting retries when told to: backoff tested without sleeping. */
final class ManualScheduler implements DelayScheduler {
    final List<Duration> delays = new ArrayList<>();
    private final List<Runnable> waiting = new ArrayList<>();

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        delays.add(delay);
        waiting.add(task);
    }

    /** Runs waiting retries (and the retries they schedule) until none is left. */
    void runAll() {
        while (true) {
            List<Runnable> batch;
            synchronized (this) {
                if (waiting.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(waiting);
                waiting.clear();
            }
            batch.forEach(Runnable::run);
        }
    }

    synchronized int pending() {
        return waiting.size();
    }
}
