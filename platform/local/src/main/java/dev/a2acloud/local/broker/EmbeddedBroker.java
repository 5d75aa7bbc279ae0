package dev.a2acloud.local.broker;

import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.InvalidEventException;
import dev.a2acloud.events.PlatformException;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one-machine stand-in for a Knative Broker (DESIGN §3, §4). Routes by the Trigger manifests of
 * {@code knative/}, keeps Knative's delivery contract — a 200 reply is published back (its TTL one lower, so a
 * loop dies out), 202/empty 2xx acknowledges, the retry table of {@link RetryPolicy}, the Trigger's
 * retry/backoff/timeout, then the dead-letter sink with {@code knativeerrordest}/{@code knativeerrorcode}/
 * {@code knativeerrordata} — and journals every accepted event before acknowledging it, so after a crash every
 * accepted, unfinished delivery happens on restart (at-least-once).
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** Knative's loop-protection extension; the broker strips it before delivery and sets it on replies. */
    public static final String TTL = "knativebrokerttl";
    public static final int DEFAULT_TTL = 255;
    public static final String ERROR_DEST = "knativeerrordest";
    public static final String ERROR_CODE = "knativeerrorcode";
    public static final String ERROR_DATA = "knativeerrordata";
    private static final int ERROR_DATA_LIMIT = 1024;
    private static final System.Logger LOG = System.getLogger(EmbeddedBroker.class.getName());

    private final String namespace;
    private final String name;
    private final List<TriggerSpec> triggers;
    private final Map<String, Subscriber> inProcess;
    private final Map<String, URI> serviceUrls;
    private final Map<URI, Subscriber> httpSubscribers = new ConcurrentHashMap<>();
    private final EventJournal journal;
    private final Executor executor;
    private final DelayScheduler scheduler;
    private final Clock clock;
    private final EventCodec codec;
    private final HttpClient http;
    private final List<AutoCloseable> owned;
    private final Map<Long, AtomicInteger> remaining = new ConcurrentHashMap<>();
    private final ArrayDeque<DeliveryRecord> recent = new ArrayDeque<>();
    private final int recentLimit;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile boolean closed;

    private EmbeddedBroker(Builder b, EventJournal journal, Executor executor, DelayScheduler scheduler,
                           List<AutoCloseable> owned) {
        this.namespace = b.namespace;
        this.name = b.name;
        this.triggers = List.copyOf(b.triggers);
        this.inProcess = Map.copyOf(b.subscribers);
        this.serviceUrls = Map.copyOf(b.serviceUrls);
        this.journal = journal;
        this.executor = executor;
        this.scheduler = scheduler;
        this.clock = b.clock;
        this.codec = b.codec;
        this.http = b.http;
        this.owned = owned;
        this.recentLimit = b.recentLimit;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The ingress path, {@code /{namespace}/{broker}}. */
    public String path() {
        return "/" + namespace + "/" + name;
    }

    /**
     * Ingress: validates (CloudEvents 1.0; our own types against their schema), journals and routes the event.
     * Returns once the event is durable. An event whose {@code knativebrokerttl} is exhausted is dropped (still
     * acknowledged, as Knative does). Throws {@link InvalidEventException} for a malformed event.
     */
    public void publish(CloudEvent event) {
        ensureOpen();
        codec.validate(event);
        int ttl = DEFAULT_TTL;
        Object declared = event.getExtension(TTL);
        if (declared != null) {
            try {
                ttl = Integer.parseInt(declared.toString().trim());
            } catch (NumberFormatException e) {
                throw new InvalidEventException(TTL, "is '" + declared + "'; it must be an integer");
            }
        }
        if (ttl <= 0) {
            dropped.increment();
            remember(new DeliveryRecord(clock.instant(), event.getId(), event.getType(), "-", "-", 0, 0, "dropped",
                    TTL + " exhausted at ingress"));
            return;
        }
        accept(CloudEventBuilder.from(event).withoutExtension(TTL).build(), ttl);
    }

    public List<TriggerSpec> triggers() {
        return triggers;
    }

    public BrokerStats stats() {
        return new BrokerStats(accepted.sum(), delivered.sum(), retried.sum(), deadLettered.sum(), dropped.sum());
    }

    /** The most recent delivery attempts, newest first. */
    public List<DeliveryRecord> recentDeliveries() {
        synchronized (recent) {
            List<DeliveryRecord> out = new ArrayList<>(recent);
            return out.reversed();
        }
    }

    private void accept(CloudEvent event, int ttl) {
        long seq = journal.append(event, ttl);
        accepted.increment();
        dispatch(seq, ttl, event, Set.of());
    }

    private void dispatch(long seq, int ttl, CloudEvent event, Set<String> alreadyDone) {
        List<TriggerSpec> routes = new ArrayList<>();
        for (TriggerSpec trigger : triggers) {
            if (!alreadyDone.contains(trigger.name()) && trigger.matches(event)) {
                routes.add(trigger);
            }
        }
        if (routes.isEmpty()) {
            journal.markFinished(seq);
            return;
        }
        remaining.put(seq, new AtomicInteger(routes.size()));
        for (TriggerSpec trigger : routes) {
            Delivery delivery = new Delivery(seq, ttl, event, trigger, 1);
            executor.execute(() -> attempt(delivery));
        }
    }

    private record Delivery(long seq, int ttl, CloudEvent event, TriggerSpec trigger, int attempt) {
        Delivery next() {
            return new Delivery(seq, ttl, event, trigger, attempt + 1);
        }
    }

    private void attempt(Delivery d) {
        if (closed) {
            return; // still pending in the journal: delivered after the restart
        }
        try {
            Sink sink = d.trigger().subscriber();
            SubscriberResponse response = call(sink, d.event(), d.trigger().delivery().timeout());
            if (RetryPolicy.success(response.status()) && response.reply() != null) {
                response = publishReply(d, response);
            }
            if (RetryPolicy.success(response.status())) {
                delivered.increment();
                remember(d, sink, response.status(), response.reply() != null ? "replied" : "delivered", null);
                finish(d);
                return;
            }
            DeliverySpec spec = d.trigger().delivery();
            if (RetryPolicy.retryable(response.status()) && d.attempt() <= spec.retry()) {
                retried.increment();
                remember(d, sink, response.status(), "retrying", response.detail());
                scheduler.schedule(spec.backoff(d.attempt()), () -> executor.execute(() -> attempt(d.next())));
                return;
            }
            deadLetter(d, sink, response);
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.log(Level.ERROR, "delivery of " + d.event().getId() + " to " + d.trigger().name() + " failed", e);
            }
        }
    }

    /** Validates and journals the reply before the original counts as delivered; a bad reply is a 502. */
    private SubscriberResponse publishReply(Delivery d, SubscriberResponse response) {
        CloudEvent reply = response.reply();
        try {
            codec.validate(reply);
        } catch (InvalidEventException e) {
            return SubscriberResponse.failure(502, "the reply is not a valid event: " + e.getMessage());
        }
        int ttl = d.ttl() - 1;
        if (ttl <= 0) {
            dropped.increment();
            remember(new DeliveryRecord(clock.instant(), reply.getId(), reply.getType(), d.trigger().name(),
                    d.trigger().subscriber().describe(), d.attempt(), response.status(), "dropped",
                    "reply dropped: " + TTL + " exhausted (an event loop?)"));
            return response;
        }
        accept(CloudEventBuilder.from(reply).withoutExtension(TTL).build(), ttl);
        return response;
    }

    private void deadLetter(Delivery d, Sink sink, SubscriberResponse failure) {
        Sink dls = d.trigger().delivery().deadLetterSink();
        if (dls == null) {
            dropped.increment();
            remember(d, sink, failure.status(), "dropped", failure.detail());
            finish(d);
            return;
        }
        CloudEventBuilder dead = CloudEventBuilder.from(d.event()).withExtension(ERROR_DEST, destination(sink));
        if (failure.status() > 0) {
            dead.withExtension(ERROR_CODE, String.valueOf(failure.status()));
        }
        if (failure.detail() != null && !failure.detail().isEmpty()) {
            byte[] data = failure.detail().getBytes(StandardCharsets.UTF_8);
            dead.withExtension(ERROR_DATA, java.util.Base64.getEncoder()
                    .encodeToString(Arrays.copyOf(data, Math.min(data.length, ERROR_DATA_LIMIT))));
        }
        remember(d, sink, failure.status(), "failed", failure.detail());
        sendToDeadLetter(d, dls, dead.build(), 1);
    }

    private void sendToDeadLetter(Delivery d, Sink dls, CloudEvent dead, int attempt) {
        if (closed) {
            return;
        }
        DeliverySpec spec = d.trigger().delivery();
        SubscriberResponse response = call(dls, dead, spec.timeout());
        if (RetryPolicy.success(response.status())) {
            deadLettered.increment();
            remember(new DeliveryRecord(clock.instant(), dead.getId(), dead.getType(), d.trigger().name(),
                    dls.describe(), attempt, response.status(), "dead-lettered", null));
            finish(d);
        } else if (RetryPolicy.retryable(response.status()) && attempt <= spec.retry()) {
            retried.increment();
            scheduler.schedule(spec.backoff(attempt),
                    () -> executor.execute(() -> sendToDeadLetter(d, dls, dead, attempt + 1)));
        } else {
            // Left unfinished in the journal on purpose: the next start tries again rather than losing it.
            LOG.log(Level.ERROR, "event {0} could not be delivered to trigger {1} nor to its dead-letter sink {2}: {3}",
                    d.event().getId(), d.trigger().name(), dls.describe(), response.detail());
            remember(new DeliveryRecord(clock.instant(), dead.getId(), dead.getType(), d.trigger().name(),
                    dls.describe(), attempt, response.status(), "undeliverable", response.detail()));
        }
    }

    private SubscriberResponse call(Sink sink, CloudEvent event, Duration timeout) {
        Subscriber subscriber = resolve(sink, timeout);
        if (subscriber == null) {
            return SubscriberResponse.failure(404, "no subscriber for Service '" + sink.service() + "': register it "
                    + "with the embedded broker (in-process or by URL)");
        }
        try {
            if (timeout == null || subscriber instanceof HttpSubscriber) {
                return Objects.requireNonNull(subscriber.deliver(event), "subscriber answered null");
            }
            CompletableFuture<SubscriberResponse> answer = new CompletableFuture<>();
            executor.execute(() -> {
                try {
                    answer.complete(subscriber.deliver(event));
                } catch (Throwable t) {
                    answer.completeExceptionally(t);
                }
            });
            return Objects.requireNonNull(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS), "subscriber answered null");
        } catch (TimeoutException e) {
            return SubscriberResponse.failure(0, "no answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SubscriberResponse.failure(0, "interrupted");
        } catch (ExecutionException e) {
            return SubscriberResponse.failure(statusOf(e.getCause()), String.valueOf(e.getCause()));
        } catch (Exception e) {
            return SubscriberResponse.failure(statusOf(e), String.valueOf(e));
        }
    }

    /** An in-process subscriber that throws a permanent PlatformException is answered like a 400, else retried. */
    private static int statusOf(Throwable t) {
        return t instanceof PlatformException p && !p.retryable() ? 400 : 0;
    }

    private Subscriber resolve(Sink sink, Duration timeout) {
        if (sink.uri() != null) {
            return httpSubscribers.computeIfAbsent(sink.uri(), u -> new HttpSubscriber(u, http, codec, timeout));
        }
        Subscriber local = inProcess.get(key(sink.service(), sink.path()));
        if (local == null) {
            local = inProcess.get(key(sink.service(), ""));
        }
        if (local != null) {
            return local;
        }
        URI base = serviceUrls.get(sink.service());
        if (base == null) {
            return null;
        }
        URI target = URI.create(base.toString().replaceAll("/+$", "") + sink.path());
        return httpSubscribers.computeIfAbsent(target, u -> new HttpSubscriber(u, http, codec, timeout));
    }

    /** Where a sink resolves to: the URL for HTTP subscribers (as Knative reports it), else the Service name. */
    private String destination(Sink sink) {
        Subscriber subscriber = resolve(sink, null);
        return subscriber instanceof HttpSubscriber ? subscriber.toString() : sink.describe();
    }

    private void finish(Delivery d) {
        if (closed) {
            return;
        }
        journal.markDone(d.seq(), d.trigger().name());
        AtomicInteger left = remaining.get(d.seq());
        if (left != null && left.decrementAndGet() == 0) {
            remaining.remove(d.seq());
            journal.markFinished(d.seq());
        }
    }

    private void remember(Delivery d, Sink sink, int status, String outcome, String detail) {
        remember(new DeliveryRecord(clock.instant(), d.event().getId(), d.event().getType(), d.trigger().name(),
                sink.describe(), d.attempt(), status, outcome, detail));
    }

    private void remember(DeliveryRecord record) {
        synchronized (recent) {
            recent.addLast(record);
            while (recent.size() > recentLimit) {
                recent.removeFirst();
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new BrokerUnavailableException("the embedded broker is shut down; retry once the platform is up");
        }
    }

    private void replay() {
        for (EventJournal.Pending p : journal.recovered()) {
            accepted.increment();
            dispatch(p.seq(), p.ttl(), p.event(), p.done());
        }
    }

    /** Stops delivering; unfinished deliveries stay in the journal for the next start. */
    @Override
    public void close() {
        closed = true;
        journal.close();
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + c + ": " + e);
            }
        }
    }

    private static String key(String service, String path) {
        return service + (path == null ? "" : path);
    }

    /** Builds a broker; {@link #build()} opens the journal and redelivers whatever it still holds. */
    public static final class Builder {
        private String namespace = "a2a-cloud";
        private String name = "default";
        private final List<TriggerSpec> triggers = new ArrayList<>();
        private final Map<String, Subscriber> subscribers = new HashMap<>();
        private final Map<String, URI> serviceUrls = new HashMap<>();
        private Path journalDir;
        private JournalFsync fsync = JournalFsync.GROUP_COMMIT;
        private Clock clock = Clock.systemUTC();
        private DelayScheduler scheduler;
        private Executor executor;
        private EventCodec codec;
        private HttpClient http;
        private int recentLimit = 200;

        private Builder() {
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder triggers(List<TriggerSpec> triggers) {
            this.triggers.addAll(triggers);
            return this;
        }

        /** The Trigger manifests in a folder such as the project's {@code knative/}, for this broker's name. */
        public Builder triggersFrom(Path knativeDir) {
            return triggers(TriggerManifests.fromDirectory(knativeDir, name));
        }

        /** The Trigger manifests packaged on the classpath under {@code knative/} (the local module ships them). */
        public Builder triggersFromClasspath() {
            return triggers(TriggerManifests.fromClasspath("knative/", name));
        }

        /** An in-process subscriber for every path of the Service a Trigger names. */
        public Builder subscriber(String service, Subscriber subscriber) {
            subscribers.put(key(service, ""), subscriber);
            return this;
        }

        /** An in-process subscriber for one path (a Trigger's {@code subscriber.uri}), e.g. {@code /v1/events}. */
        public Builder subscriber(String service, String path, Subscriber subscriber) {
            subscribers.put(key(service, path), subscriber);
            return this;
        }

        /** Reach a Service over HTTP at {@code baseUrl} (the Trigger's {@code uri} is appended). */
        public Builder serviceUrl(String service, URI baseUrl) {
            serviceUrls.put(service, baseUrl);
            return this;
        }

        /** Journal in this folder (durable); without one nothing survives the process. */
        public Builder journal(Path dir) {
            this.journalDir = dir;
            return this;
        }

        public Builder fsync(JournalFsync fsync) {
            this.fsync = fsync;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder scheduler(DelayScheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** Runs deliveries; defaults to a virtual thread per delivery. */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        public Builder codec(EventCodec codec) {
            this.codec = codec;
            return this;
        }

        public Builder httpClient(HttpClient http) {
            this.http = http;
            return this;
        }

        public Builder recentLimit(int recentLimit) {
            this.recentLimit = recentLimit;
            return this;
        }

        public EmbeddedBroker build() {
            checkSubscribers();
            if (codec == null) {
                codec = new EventCodec(clock);
            }
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            }
            List<AutoCloseable> owned = new ArrayList<>();
            Executor exec = executor;
            if (exec == null) {
                ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
                owned.add(virtual::shutdownNow);
                exec = virtual;
            }
            DelayScheduler delays = scheduler;
            if (delays == null) {
                ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "broker-backoff");
                    t.setDaemon(true);
                    return t;
                });
                owned.add(timer::shutdownNow);
                delays = (delay, task) -> timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
            EventJournal journal = journalDir == null ? EventJournal.none() : EventJournal.open(journalDir, fsync);
            EmbeddedBroker broker = new EmbeddedBroker(this, journal, exec, delays, owned);
            broker.replay();
            return broker;
        }

        /** Two Triggers of one name would make done-marks ambiguous in the journal. */
        private void checkSubscribers() {
            Set<String> names = new HashSet<>();
            for (TriggerSpec t : triggers) {
                if (!names.add(t.name())) {
                    throw new TriggerManifestException("two Triggers are named " + t.name() + "; names must be unique");
                }
            }
        }
    }
}
