package dev.a2acloud.controlplane.recorder;

import dev.a2acloud.controlplane.builds.BuildRecord;
import dev.a2acloud.controlplane.builds.BuildRepository;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.EventType;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The dead-letter sink: an event the broker could not deliver after its retries. A pipeline step that never took
 * the event means the build cannot go on, so it is marked failed with the delivery failure (Knative's
 * {@code knativeerrordest}, {@code knativeerrorcode}, {@code knativeerrordata} extensions). An event the recorder
 * itself failed to take is recorded now instead; a lost progress note fails nothing.
 */
@Service
public class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final Map<EventType, String> RECEIVER = Map.of(
            EventType.REQUESTED, "generate", EventType.GENERATED, "sandbox-validate", EventType.REJECTED, "generate",
            EventType.VALIDATED, "package", EventType.PACKAGED, "git-commit", EventType.COMMITTED, "argo-sync",
            EventType.SYNCED, "card-probe");

    private final Recorder recorder;
    private final BuildRepository builds;
    private final EventCodec codec;

    public DeadLetters(Recorder recorder, BuildRepository builds, EventCodec codec) {
        this.recorder = recorder;
        this.builds = builds;
        this.codec = codec;
    }

    /** What happened to the dead letter. */
    public enum Outcome { BUILD_FAILED, RECORDED, IGNORED }

    public Outcome accept(CloudEvent event) {
        Object buildIdValue = event.getExtension(EventCodec.BUILD_ID);
        Optional<BuildRecord> build = buildIdValue == null ? Optional.empty()
                : builds.find(buildIdValue.toString());
        String destination = text(event.getExtension("knativeerrordest"));
        String code = text(event.getExtension("knativeerrorcode"));
        String data = decodeData(event.getExtension("knativeerrordata"));
        if (build.isEmpty()) {
            log.warn("dead letter {} ({}) names no known build; dropped. Delivery to {} failed with {}: {}",
                    event.getId(), event.getType(), destination, code, data);
            return Outcome.IGNORED;
        }
        Optional<EventType> type = EventType.fromCeType(event.getType());
        if (destination != null && (destination.contains("/v1/events") || destination.contains("control-plane"))) {
            try {
                BuildEvent original = codec.decode(event);
                recorder.record(original, event.getId(), event.getSource() == null ? null
                        : event.getSource().toString());
                return Outcome.RECORDED;
            } catch (RuntimeException e) {
                log.warn("dead letter {} for the recorder could not be recorded: {}", event.getId(), e.getMessage());
            }
        }
        if (type.isEmpty() || type.get() == EventType.PROGRESS || type.get().terminal()) {
            log.warn("dead letter {} ({}) for build {} not delivered to {} ({}: {}); nothing to fail",
                    event.getId(), event.getType(), build.get().id(), destination, code, data);
            return Outcome.IGNORED;
        }
        BuildRecord b = build.get();
        String step = RECEIVER.getOrDefault(type.get(), "delivery");
        String reason = "the broker could not deliver " + event.getType() + " to " + (destination == null ? step
                : destination) + (code == null ? "" : " (last answer: HTTP " + code + ")")
                + (data == null || data.isBlank() ? "" : ": " + abbreviate(data))
                + "; the step is down or failing — check its logs, then build again";
        recorder.record(new BuildFailed(b.id(), b.agent(), b.owner(), b.version(), Math.max(1, b.attempt()), step,
                reason, null), event.getId() + ".dead-letter", "/a2a-cloud/dead-letter");
        return Outcome.BUILD_FAILED;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Knative sends the failed response body base64-encoded. */
    static String decodeData(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
