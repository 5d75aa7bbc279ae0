package dev.a2acloud.local.serving;

import dev.a2acloud.core.serving.ServiceStatus;
import dev.a2acloud.core.serving.ServiceStatusSource;
import dev.a2acloud.core.serving.ServingException;
import io.fabric8.knative.serving.v1.Service;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The embedded Knative Serving: Knative Service manifests in, revisions of agent processes out, reached through
 * the {@link Activator} at {@code /agents/{name}/}. Each template change is a new revision; traffic moves to the
 * newest ready one and the one before drains; instances exist only while there are requests (scale to zero).
 */
public final class LocalServing implements ServiceStatusSource, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalServing.class.getName());
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern REVISION_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?-\\d{5}");

    /** The outcome of {@link #apply}: the revision that template is ({@code newRevision} false when it existed). */
    public record Applied(String service, String revision, String url, boolean newRevision) {
    }

    private final ServingConfig config;
    private final InstanceLauncher launcher;
    private final AgentCommand command;
    private final ArtifactStore artifacts;
    private final Clock clock;
    private final HttpClient http;
    private final ServingStateStore store;
    private final Map<String, ServiceEntry> services = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;
    /** Agent processes are not children that die with us: stop them when the platform JVM is told to exit. */
    private final Thread stopOnExit = new Thread(this::stopAll, "serving-shutdown");

    public LocalServing(ServingConfig config, InstanceLauncher launcher, AgentCommand command, ArtifactStore artifacts,
                        Clock clock) {
        this.config = config;
        this.launcher = launcher;
        this.command = command;
        this.artifacts = artifacts;
        this.clock = clock;
        // One pooled HTTP/1.1 client for health checks and the activator: keep-alive connections to instances make
        // a warm request cost a loopback round trip, nothing more (HTTP/2 would try an h2c upgrade first).
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.store = new ServingStateStore(config.servingDir());
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("serving-autoscaler").unstarted(r));
        long tick = config.reapInterval().toMillis();
        reaper.scheduleWithFixedDelay(this::reconcileScale, tick, tick, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        if (!launcher.isolatesNetwork()) {
            LOG.log(Level.WARNING, "EGRESS NOT ENFORCED: agent instances run on the host network (the embedded "
                    + "platform's launcher gives them no network of their own) and can reach any host. "
                    + "Use the cluster (knative/ NetworkPolicy) where egress must be enforced.");
        }
    }

    /** Takes a Knative Service; a template not seen before becomes revision {@code <name>-0000N}, started at once. */
    public Applied apply(Service manifest) {
        RevisionTemplate template = RevisionTemplate.from(manifest);
        String name = template.service();
        ServiceEntry entry = services.computeIfAbsent(name, n -> new ServiceEntry(n, clock.instant()));
        Revision created;
        synchronized (entry) {
            if (entry.deleted) {
                return apply(manifest); // a concurrent delete won; start over as a new service
            }
            if (entry.latestCreated != null && entry.latestCreated.template.identity().equals(template.identity())) {
                // Same template: same revision (a redelivery). One that never got ready is tried once more.
                Revision existing = entry.latestCreated;
                if (!existing.snapshot().ready()) {
                    existing.startForReadiness();
                }
                return new Applied(name, existing.name, url(name), false);
            }
            entry.counter++;
            String revisionName = "%s-%05d".formatted(name, entry.counter);
            created = newRevision(entry, revisionName, template);
            Revision superseded = entry.latestCreated;
            entry.latestCreated = created;
            entry.revisions.add(created);
            store.saveRevision(name, revisionName, manifest);
            store.saveService(entry.record());
            if (superseded != null && superseded != entry.serving) {
                superseded.drain(); // never became ready; nothing will route to it now
            }
        }
        LOG.log(Level.INFO, "service {0}: created revision {1}", name, created.name);
        created.startForReadiness();
        return new Applied(name, created.name, url(name), true);
    }

    /**
     * Waits until {@code revision} of {@code service} serves traffic. Throws (permanent) when it failed to start,
     * (retryable) when {@code timeout} passed first — with the last status in the message.
     */
    public ServiceStatus awaitReady(String service, String revision, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ServiceEntry entry = services.get(service);
            if (entry == null) {
                throw new ServingException("service " + service + " does not exist; apply its manifest first", false);
            }
            synchronized (entry) {
                if (entry.serving != null && entry.serving.name.equals(revision)) {
                    return status(entry);
                }
                Revision wanted = entry.find(revision).orElseThrow(() -> new ServingException(
                        "service " + service + " has no revision " + revision, false));
                Revision.Snapshot snapshot = wanted.snapshot();
                if (snapshot.failure() != null && snapshot.starting() == 0 && !snapshot.ready()) {
                    throw new ServingException("revision " + revision + " failed to become ready: "
                            + snapshot.failure() + "; logs: " + wanted.logFile, snapshot.failureRetryable());
                }
                if (snapshot.state() != Revision.State.ACTIVE) {
                    throw new ServingException("revision " + revision + " was superseded before it became ready",
                            false);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new ServingException("revision " + revision + " not ready within " + timeout.toSeconds()
                            + " s; last status: " + StatusView.describe(status(entry)), true);
                }
                try {
                    entry.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(remaining), 50)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ServingException("interrupted while waiting for " + revision, true, e);
                }
            }
        }
    }

    /** Stops every revision of {@code name} and forgets it; false when there was no such service. */
    public boolean delete(String name) {
        ServiceEntry entry = services.remove(name);
        if (entry == null) {
            return false;
        }
        synchronized (entry) {
            entry.deleted = true;
            entry.notifyAll();
        }
        entry.revisions.forEach(Revision::drain);
        store.delete(name);
        LOG.log(Level.INFO, "service {0} deleted", name);
        return true;
    }

    /** After a platform restart: every deployed service answers again at its URL, scaled to zero. */
    public int restore() {
        int restored = 0;
        for (ServingStateStore.ServiceRecord record : store.services()) {
            if (record.latestReady() == null || services.containsKey(record.name())) {
                continue;
            }
            Optional<Service> manifest = store.revision(record.name(), record.latestReady());
            if (manifest.isEmpty()) {
                LOG.log(Level.WARNING, "service {0}: manifest of {1} is missing; apply it again",
                        record.name(), record.latestReady());
                continue;
            }
            ServiceEntry entry = new ServiceEntry(record.name(), Instant.ofEpochMilli(record.createdMillis()));
            entry.counter = record.counter();
            Revision revision = newRevision(entry, record.latestReady(), RevisionTemplate.from(manifest.get()));
            revision.markRestored();
            entry.revisions.add(revision);
            entry.latestCreated = revision;
            entry.serving = revision;
            services.put(record.name(), entry);
            restored++;
        }
        return restored;
    }

    /** The last {@code maxLines} lines of a revision's log (the serving one when {@code revision} is empty). */
    public List<String> logs(String service, Optional<String> revision, int maxLines) {
        if (!SERVICE_NAME.matcher(service).matches()) {
            throw new ServingException("'" + service + "' is not a service name", false);
        }
        String name = revision.orElseGet(() -> Optional.ofNullable(services.get(service))
                .map(e -> {
                    synchronized (e) {
                        Revision r = e.serving != null ? e.serving : e.latestCreated;
                        return r == null ? null : r.name;
                    }
                })
                .orElseThrow(() -> new ServingException("service " + service + " does not exist", false)));
        if (!REVISION_NAME.matcher(name).matches() || !name.startsWith(service + "-")) {
            throw new ServingException("'" + name + "' is not a revision of " + service, false);
        }
        Path file = logFile(service, name);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(file);
            return List.copyOf(lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<ServiceStatus> list() {
        return services.values().stream().map(e -> {
            synchronized (e) {
                return status(e);
            }
        }).sorted(java.util.Comparator.comparing(ServiceStatus::name)).toList();
    }

    @Override
    public Optional<ServiceStatus> get(String name) {
        return Optional.ofNullable(services.get(name)).map(e -> {
            synchronized (e) {
                return status(e);
            }
        });
    }

    /** The instances of the serving revision, directly (bypassing the activator): for diagnostics and benchmarks. */
    public List<URI> endpoints(String service) {
        ServiceEntry entry = services.get(service);
        if (entry == null) {
            return List.of();
        }
        Revision serving;
        synchronized (entry) {
            serving = entry.serving;
        }
        return serving == null ? List.of() : serving.endpoints();
    }

    public String url(String service) {
        String base = config.publicBase().get().toString();
        return (base.endsWith("/") ? base : base + "/") + "agents/" + service + "/";
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook does the same
        }
        stopAll();
    }

    private void stopAll() {
        reaper.shutdownNow();
        for (ServiceEntry entry : services.values()) {
            entry.revisions.forEach(Revision::stopNow);
        }
    }

    HttpClient http() {
        return http;
    }

    /** A lease on an instance of the revision that serves {@code service}; empty when there is no such service. */
    Optional<Lease> acquire(String service) {
        long deadline = System.nanoTime() + config.holdTimeout().toNanos();
        while (true) {
            ServiceEntry entry = services.get(service);
            if (entry == null) {
                return Optional.empty();
            }
            Revision target;
            synchronized (entry) {
                target = entry.serving != null ? entry.serving : entry.latestCreated;
            }
            long remaining = deadline - System.nanoTime();
            if (target == null || remaining <= 0) {
                throw new ServingException("service " + service + " has no revision to serve yet; retry shortly", true);
            }
            Lease lease = target.acquire(Duration.ofNanos(remaining));
            if (lease != null) {
                return Optional.of(lease);
            }
            // the revision began draining while we looked: route again to the one that replaced it
        }
    }

    private Revision newRevision(ServiceEntry entry, String revisionName, RevisionTemplate template) {
        return new Revision(revisionName, template, clock.instant(), logFile(entry.name, revisionName),
                this::startInstance, new Revision.Listener() {
                    @Override
                    public void ready(Revision revision) {
                        promote(entry, revision);
                    }

                    @Override
                    public void failed(Revision revision, String reason) {
                        synchronized (entry) {
                            entry.notifyAll();
                        }
                    }
                }, clock);
    }

    /** The newest revision that proved ready takes all traffic; the one that had it drains. */
    private void promote(ServiceEntry entry, Revision ready) {
        List<Revision> toDrain = new ArrayList<>();
        synchronized (entry) {
            if (entry.deleted || (entry.serving != null && entry.revisions.indexOf(entry.serving)
                    > entry.revisions.indexOf(ready))) {
                entry.notifyAll();
                return;
            }
            if (entry.serving != ready) {
                for (Revision older : entry.revisions.subList(0, entry.revisions.indexOf(ready))) {
                    toDrain.add(older);
                }
                entry.serving = ready;
                store.saveService(entry.record());
                LOG.log(Level.INFO, "service {0}: traffic 100% to {1}", entry.name, ready.name);
            }
            entry.notifyAll();
        }
        toDrain.forEach(Revision::drain);
    }

    private Instance startInstance(Revision revision) throws IOException, InterruptedException {
        RevisionTemplate template = revision.template;
        Path jar = artifacts.fetch(template.artifactUri(), template.artifactDigest());
        int port = freePort();
        Map<String, String> env = new HashMap<>(template.env());
        // The jar is already verified: the runtime loads this path instead of downloading again.
        env.remove(RevisionTemplate.ARTIFACT_URI);
        env.put("A2A_ARTIFACT_PATH", jar.toString());
        env.put("PORT", Integer.toString(port));
        env.put("A2A_PUBLIC_URL", url(template.service()));
        env.put("A2A_PLATFORM_URL", config.platformUrl() != null ? config.platformUrl()
                : config.publicBase().get().toString());
        env.put("K_SERVICE", template.service());
        env.put("K_REVISION", revision.name);
        env.put("K_CONFIGURATION", template.service());
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        Path workDir = config.servingDir().resolve("work").resolve(revision.name + "-" + port);
        List<Path> readOnly = new ArrayList<>(command.readOnlyPaths());
        readOnly.add(jar);
        env.putIfAbsent("HOME", workDir.toString());
        Instant started = clock.instant();
        InstanceLauncher.LaunchedInstance process = launcher.launch(new InstanceLauncher.Launch(revision.name,
                command.command(jar), Map.copyOf(env), workDir, revision.logFile, List.copyOf(readOnly)));
        Instance instance = new Instance(port, process, started);
        process.onExit(() -> revision.exited(instance));
        try {
            awaitHealthy(revision, instance);
        } catch (IOException | InterruptedException | RuntimeException e) {
            instance.stopping = true;
            process.stop(Duration.ofSeconds(1));
            throw e;
        }
        return instance;
    }

    private void awaitHealthy(Revision revision, Instance instance) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        HttpRequest probe = HttpRequest.newBuilder(instance.base.resolve("/healthz"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long pause = 2;
        while (true) {
            if (!instance.process.alive()) {
                throw new ServingException("the agent process exited during start; last log lines: "
                        + String.join(" | ", tail(revision.logFile, 5)), false);
            }
            try {
                HttpResponse<Void> response = http.send(probe, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (InterruptedIOException e) {
                // probe timed out; try again until the start deadline
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new ServingException("the agent process did not answer /healthz within "
                        + config.startTimeout().toSeconds() + " s; last log lines: "
                        + String.join(" | ", tail(revision.logFile, 5)), true);
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 20);
        }
    }

    private void reconcileScale() {
        try {
            Instant now = clock.instant();
            for (ServiceEntry entry : services.values()) {
                Revision serving;
                List<Revision> revisions;
                synchronized (entry) {
                    serving = entry.serving;
                    revisions = List.copyOf(entry.revisions);
                }
                for (Revision revision : revisions) {
                    boolean routed = revision == serving;
                    // A session agent's scale-down-delay keeps a conversation on its warm instance longer.
                    Duration idle = revision.template.scaleDownDelay().compareTo(config.idleWindow()) > 0
                            ? revision.template.scaleDownDelay() : config.idleWindow();
                    revision.reconcileScale(now, idle, routed ? revision.template.minScale() : 0);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "autoscaler tick failed; next tick retries", e);
        }
    }

    private ServiceStatus status(ServiceEntry entry) {
        return StatusView.of(entry.name, url(entry.name), entry.created,
                entry.revisions.stream().map(Revision::snapshot).toList(),
                entry.latestCreated == null ? null : entry.latestCreated.name,
                entry.serving == null ? null : entry.serving.name, launcher.isolatesNetwork());
    }

    private Path logFile(String service, String revision) {
        return config.servingDir().resolve("logs").resolve(service).resolve(revision + ".log");
    }

    private static List<String> tail(Path file, int lines) {
        try {
            if (!Files.isRegularFile(file)) {
                return List.of();
            }
            List<String> all = Files.readAllLines(file);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException | UncheckedIOException e) {
            return List.of("(log unreadable: " + e.getMessage() + ")");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** One service; guarded by synchronizing on it. */
    private static final class ServiceEntry {
        final String name;
        final Instant created;
        final List<Revision> revisions = new java.util.concurrent.CopyOnWriteArrayList<>();
        int counter;
        Revision latestCreated;
        Revision serving;
        boolean deleted;

        ServiceEntry(String name, Instant created) {
            this.name = name;
            this.created = created;
        }

        Optional<Revision> find(String revision) {
            return revisions.stream().filter(r -> r.name.equals(revision)).findFirst();
        }

        ServingStateStore.ServiceRecord record() {
            return new ServingStateStore.ServiceRecord(name, created.toEpochMilli(), counter,
                    latestCreated == null ? null : latestCreated.name, serving == null ? null : serving.name);
        }
    }
}
