package dev.a2acloud.local.serving;

import dev.a2acloud.core.serving.ServingException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Knative revision run locally: its instances, their in-flight requests and its lifecycle. Scaling follows the
 * activator's rule: enough instances for the requests in flight and waiting at {@code containerConcurrency} each, up to
 * max-scale; none while idle (scale to zero). A draining revision takes no new requests and stops once the ones in
 * flight finished.
 */
final class Revision {
    private static final System.Logger LOG = System.getLogger(Revision.class.getName());
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    enum State { ACTIVE, DRAINING, STOPPED }

    /** Starts one ready instance (artifact, process, health check) or throws saying why not. */
    interface Starter {
        Instance start(Revision revision) throws Exception;
    }

    /** Told when the revision first proves ready, or fails to. */
    interface Listener {
        void ready(Revision revision);

        void failed(Revision revision, String reason);
    }

    final String name;
    final RevisionTemplate template;
    final Instant created;
    final Path logFile;
    private final Starter starter;
    private final Listener listener;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Instance> instances = new ArrayList<>();
    private int starting;
    private int waiting;
    private int failures;
    private String failure;
    private boolean failureRetryable;
    private Instant readyAt;
    private Instant failedAt;
    private State state = State.ACTIVE;

    Revision(String name, RevisionTemplate template, Instant created, Path logFile, Starter starter, Listener listener,
             Clock clock) {
        this.name = name;
        this.template = template;
        this.created = created;
        this.logFile = logFile;
        this.starter = starter;
        this.listener = listener;
        this.clock = clock;
    }

    /** A revision restored after a platform restart: it was ready before, it runs nothing until asked. */
    void markRestored() {
        lock.lock();
        try {
            readyAt = created;
        } finally {
            lock.unlock();
        }
    }

    /** Knative starts a new revision once to prove it ready before traffic moves to it. */
    void startForReadiness() {
        lock.lock();
        try {
            if (state == State.ACTIVE && instances.isEmpty() && starting == 0) {
                startOne();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} for a free slot on an instance, starting instances as demand needs. Returns null
     * when this revision no longer takes requests (the caller routes again); throws when none could be had.
     */
    Lease acquire(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            int failuresBefore = failures;
            while (true) {
                if (state != State.ACTIVE) {
                    return null;
                }
                Instance free = freest();
                if (free != null) {
                    free.inFlight++;
                    return new Lease(this, free);
                }
                if (failures > failuresBefore && starting == 0) {
                    throw new ServingException("revision " + name + " could not start an instance: " + failure
                            + " (see `a2a logs " + template.service() + "`)", true);
                }
                scaleForDemand();
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new ServingException("no instance of " + name + " was free within " + timeout.toSeconds()
                            + " s; retry later or raise max-scale / containerConcurrency", true);
                }
                waiting++;
                try {
                    changed.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ServingException("interrupted while waiting for " + name, true, e);
                } finally {
                    waiting--;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    void release(Instance instance) {
        lock.lock();
        try {
            instance.inFlight--;
            instance.lastUsed = clock.instant();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void crashed(Instance instance) {
        lock.lock();
        try {
            instances.remove(instance);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        Thread.ofVirtual().start(() -> instance.process.stop(Duration.ZERO));
    }

    /** The process ended; if nobody asked it to, the next request starts a new one. */
    void exited(Instance instance) {
        lock.lock();
        try {
            if (instances.remove(instance) && !instance.stopping) {
                LOG.log(Level.WARNING, "instance pid {0} of {1} exited unexpectedly; a new one starts on the next "
                        + "request (see {2})", instance.process.pid(), name, logFile);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** No new requests; in-flight ones finish (up to the revision's timeout), then every instance stops. */
    void drain() {
        lock.lock();
        try {
            if (state != State.ACTIVE) {
                return;
            }
            state = State.DRAINING;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        Thread.ofVirtual().name("drain-" + name).start(this::finishDrain);
    }

    private void finishDrain() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(template.timeoutSeconds());
        List<Instance> toStop;
        lock.lock();
        try {
            while (busy() || starting > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    LOG.log(Level.WARNING, "{0} still had requests in flight after {1} s of draining; stopping it",
                            name, template.timeoutSeconds());
                    break;
                }
                changed.awaitNanos(remaining);
            }
            toStop = takeAll();
            state = State.STOPPED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            toStop = takeAll();
            state = State.STOPPED;
        } finally {
            lock.unlock();
        }
        toStop.forEach(i -> i.process.stop(STOP_GRACE));
    }

    /** Stops instances idle for {@code idle}, keeping {@code keep} (min-scale) of them; tops up to {@code keep}. */
    void reconcileScale(Instant now, Duration idle, int keep) {
        List<Instance> toStop = new ArrayList<>();
        lock.lock();
        try {
            if (state != State.ACTIVE) {
                return;
            }
            for (Instance instance : List.copyOf(instances)) {
                if (instances.size() - toStop.size() <= keep) {
                    break;
                }
                if (instance.inFlight == 0 && !instance.lastUsed.plus(idle).isAfter(now)) {
                    toStop.add(instance);
                }
            }
            toStop.forEach(i -> {
                i.stopping = true;
                instances.remove(i);
            });
            while (instances.size() + starting < keep) {
                startOne();
            }
        } finally {
            lock.unlock();
        }
        toStop.forEach(i -> Thread.ofVirtual().start(() -> i.process.stop(STOP_GRACE)));
    }

    /** Stops everything now (service deleted or platform closing). */
    void stopNow() {
        List<Instance> toStop;
        lock.lock();
        try {
            state = State.STOPPED;
            toStop = takeAll();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        toStop.forEach(i -> i.process.stop(Duration.ofSeconds(2)));
    }

    List<java.net.URI> endpoints() {
        lock.lock();
        try {
            return instances.stream().filter(i -> i.process.alive()).map(i -> i.base).toList();
        } finally {
            lock.unlock();
        }
    }

    Snapshot snapshot() {
        lock.lock();
        try {
            int alive = (int) instances.stream().filter(i -> i.process.alive()).count();
            return new Snapshot(name, created, state, readyAt != null, readyAt, alive, starting,
                    failure, failureRetryable, failedAt, template);
        } finally {
            lock.unlock();
        }
    }

    record Snapshot(String name, Instant created, State state, boolean ready, Instant readyAt, int instances,
                    int starting, String failure, boolean failureRetryable, Instant failedAt,
                    RevisionTemplate template) {
    }

    private Instance freest() {
        Instance best = null;
        int limit = template.containerConcurrency();
        for (Instance instance : instances) {
            if (!instance.process.alive() || instance.stopping) {
                continue;
            }
            if ((limit == 0 || instance.inFlight < limit) && (best == null || instance.inFlight < best.inFlight)) {
                best = instance;
            }
        }
        return best;
    }

    private void scaleForDemand() {
        instances.removeIf(i -> !i.process.alive());
        int limit = template.containerConcurrency();
        int demand = instances.stream().mapToInt(i -> i.inFlight).sum() + waiting + 1;
        int wanted = limit == 0 ? 1 : (demand + limit - 1) / limit;
        wanted = Math.min(Math.max(wanted, 1), template.maxScale());
        if (instances.size() + starting < wanted) {
            startOne();
        }
    }

    private void startOne() {
        starting++;
        Thread.ofVirtual().name("start-" + name).start(() -> {
            Instance started = null;
            String reason = null;
            boolean retryable = true;
            try {
                started = starter.start(this);
            } catch (ServingException e) {
                reason = e.getMessage();
                retryable = e.retryable();
            } catch (Exception e) {
                reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            boolean firstReady = false;
            boolean keep = false;
            lock.lock();
            try {
                starting--;
                if (started != null) {
                    keep = state == State.ACTIVE;
                    if (keep) {
                        started.lastUsed = clock.instant();
                        instances.add(started);
                        failure = null;
                        if (readyAt == null) {
                            readyAt = clock.instant();
                            firstReady = true;
                        }
                    }
                } else {
                    failures++;
                    failure = reason;
                    failureRetryable = retryable;
                    failedAt = clock.instant();
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (started != null && !keep) {
                started.stopping = true;
                started.process.stop(STOP_GRACE);
            }
            if (firstReady) {
                listener.ready(this);
            } else if (reason != null) {
                LOG.log(Level.WARNING, "instance of {0} failed to start: {1}", name, reason);
                listener.failed(this, reason);
            }
        });
    }

    private boolean busy() {
        return instances.stream().anyMatch(i -> i.inFlight > 0);
    }

    private List<Instance> takeAll() {
        List<Instance> all = List.copyOf(instances);
        all.forEach(i -> i.stopping = true);
        instances.clear();
        return all;
    }
}
