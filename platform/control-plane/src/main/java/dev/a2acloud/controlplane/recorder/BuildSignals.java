package dev.a2acloud.controlplane.recorder;

import org.springframework.stereotype.Component;

/**
 * Wakes server-sent-event streams when something was recorded, so they read the database at once instead of at
 * their next poll. Streams still poll (another control-plane replica may have recorded the event).
 */
@Component
public class BuildSignals {
    private final Object monitor = new Object();
    private long generation;

    public void recorded() {
        synchronized (monitor) {
            generation++;
            monitor.notifyAll();
        }
    }

    /** Waits until something is recorded after {@code seen}, or the timeout; returns the current generation. */
    public long await(long seen, long timeoutMillis) throws InterruptedException {
        synchronized (monitor) {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (generation == seen) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                monitor.wait(left);
            }
            return generation;
        }
    }

    public long generation() {
        synchronized (monitor) {
            return generation;
        }
    }
}
