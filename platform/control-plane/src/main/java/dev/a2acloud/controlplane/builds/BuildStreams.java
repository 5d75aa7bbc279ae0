package dev.a2acloud.controlplane.builds;

import dev.a2acloud.controlplane.config.ControlPlaneProperties;
import dev.a2acloud.controlplane.recorder.BuildSignals;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of one build: everything recorded so far, then each new event as it is recorded, until the
 * build has ended. Reads the database (so events recorded by another replica arrive too), woken early by
 * {@link BuildSignals}. One virtual thread per stream.
 */
@Component
public class BuildStreams {
    private static final Logger log = LoggerFactory.getLogger(BuildStreams.class);
    private static final long POLL_MILLIS = 1000;
    private static final long KEEP_ALIVE_MILLIS = 15_000;

    private final BuildRepository builds;
    private final BuildSignals signals;
    private final long timeoutMillis;

    public BuildStreams(BuildRepository builds, BuildSignals signals, ControlPlaneProperties properties) {
        this.builds = builds;
        this.signals = signals;
        this.timeoutMillis = properties.sseTimeout().toMillis();
    }

    public SseEmitter follow(String buildId, String lastEventId) {
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        AtomicBoolean closed = new AtomicBoolean();
        emitter.onTimeout(() -> {
            closed.set(true);
            emitter.complete();
        });
        emitter.onCompletion(() -> closed.set(true));
        emitter.onError(e -> closed.set(true));
        Thread.ofVirtual().name("sse-" + buildId).start(() -> stream(buildId, lastEventId, emitter, closed));
        return emitter;
    }

    private void stream(String buildId, String lastEventId, SseEmitter emitter, AtomicBoolean closed) {
        // A reconnecting client resumes after the last event it saw; an id we do not know replays everything.
        long lastSeq = lastEventId == null ? 0 : builds.events(buildId, 0).stream()
                .filter(e -> e.eventId().equals(lastEventId)).mapToLong(RecordedEvent::seq).findFirst().orElse(0);
        long lastSent = System.currentTimeMillis();
        try {
            while (!closed.get()) {
                long generation = signals.generation();
                // Status first, then events: if the build had ended, its terminal event is among those read.
                boolean ended = builds.find(buildId).map(BuildRecord::ended).orElse(true);
                List<RecordedEvent> events = builds.events(buildId, lastSeq);
                for (RecordedEvent event : events) {
                    lastSeq = event.seq();
                    emitter.send(SseEmitter.event().id(event.eventId()).name(event.type())
                            .data(BuildViews.sseData(event).toString()));
                    lastSent = System.currentTimeMillis();
                }
                if (ended) {
                    emitter.complete();
                    return;
                }
                if (System.currentTimeMillis() - lastSent > KEEP_ALIVE_MILLIS) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                    lastSent = System.currentTimeMillis();
                }
                signals.await(generation, POLL_MILLIS);
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("build {} stream closed: {}", buildId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } catch (RuntimeException e) {
            log.warn("build {} stream failed", buildId, e);
            emitter.completeWithError(e);
        }
    }
}
