package dev.a2acloud.cli.up;

import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.EventPublishException;
import dev.a2acloud.events.EventPublisher;
import dev.a2acloud.local.broker.BrokerIngressServlet;
import dev.a2acloud.local.broker.BrokerStatusServlet;
import dev.a2acloud.local.broker.EmbeddedBroker;
import jakarta.servlet.ServletException;
import org.springframework.context.SmartLifecycle;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The embedded Knative broker, routing by the Trigger manifests shipped with the local module, with the build steps
 * and the control plane as in-process subscribers. Started last (after the web server listens, so journaled events
 * replayed at start find everything they call) and stopped first; its journal keeps what was in flight.
 */
final class PlatformBroker implements SmartLifecycle, EventPublisher {
    private final Path journalDir;
    private final List<InProcessSubscriber> subscribers;
    private final Supplier<java.net.URI> platformUrl;
    private final EventCodec codec;
    private final Clock clock;
    private final DeferredServlet ingress;
    private final DeferredServlet status;
    private volatile EmbeddedBroker broker;

    PlatformBroker(Path journalDir, List<InProcessSubscriber> subscribers, Supplier<java.net.URI> platformUrl,
                   EventCodec codec, Clock clock, DeferredServlet ingress, DeferredServlet status) {
        this.journalDir = journalDir;
        this.subscribers = List.copyOf(subscribers);
        this.platformUrl = platformUrl;
        this.codec = codec;
        this.clock = clock;
        this.ingress = ingress;
        this.status = status;
    }

    @Override
    public void start() {
        EmbeddedBroker.Builder builder = EmbeddedBroker.builder().triggersFromClasspath().journal(journalDir)
                .codec(codec).clock(clock);
        for (InProcessSubscriber s : subscribers) {
            if (s.path() == null) {
                builder.subscriber(s.service(), s.subscriber());
            } else {
                builder.subscriber(s.service(), s.path(), s.subscriber());
            }
        }
        // Whatever has no in-process subscriber is reached over HTTP on our own port, as in the cluster.
        builder.serviceUrl("control-plane", platformUrl.get());
        EmbeddedBroker started = builder.build();
        broker = started;
        try {
            ingress.attach(new BrokerIngressServlet(started, codec));
            status.attach(new BrokerStatusServlet(started));
        } catch (ServletException e) {
            throw new IllegalStateException("cannot start the broker's servlets: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        ingress.detach();
        status.detach();
        EmbeddedBroker current = broker;
        broker = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public boolean isRunning() {
        return broker != null;
    }

    /** After the web server (whose lifecycle phase is lower): start last, stop first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void publish(BuildEvent event, String step) {
        EmbeddedBroker current = broker;
        if (current == null) {
            throw new EventPublishException("the embedded broker is not running (starting or stopping); retry",
                    503, true, null);
        }
        current.publish(codec.encode(event, step));
    }

    EmbeddedBroker broker() {
        return broker;
    }
}
