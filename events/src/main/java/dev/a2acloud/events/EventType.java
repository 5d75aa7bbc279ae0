package dev.a2acloud.events;

import java.util.Arrays;
import java.util.Optional;

/** Every CloudEvent type of the build pipeline (DESIGN §4), with its payload record and schema file. */
public enum EventType {
    REQUESTED("requested", BuildRequested.class),
    GENERATED("generated", BuildGenerated.class),
    REJECTED("rejected", BuildRejected.class),
    VALIDATED("validated", BuildValidated.class),
    PACKAGED("packaged", BuildPackaged.class),
    COMMITTED("committed", BuildCommitted.class),
    SYNCED("synced", BuildSynced.class),
    LIVE("live", BuildLive.class),
    FAILED("failed", BuildFailed.class),
    PROGRESS("progress", BuildProgress.class);

    /** Common prefix of every type; the control-plane Trigger filters on it. */
    public static final String PREFIX = "dev.a2acloud.build.";

    private final String shortName;
    private final Class<? extends BuildEvent> payloadType;

    EventType(String shortName, Class<? extends BuildEvent> payloadType) {
        this.shortName = shortName;
        this.payloadType = payloadType;
    }

    /** The CloudEvent {@code type} attribute, e.g. {@code dev.a2acloud.build.requested}. */
    public String ceType() {
        return PREFIX + shortName;
    }

    /** e.g. {@code requested}. */
    public String shortName() {
        return shortName;
    }

    public Class<? extends BuildEvent> payloadType() {
        return payloadType;
    }

    /** Path of the JSON Schema on the classpath and under {@code events/schemas/}. */
    public String schemaFile() {
        return "build." + shortName + ".json";
    }

    /** True for the two types after which nothing more happens to a build. */
    public boolean terminal() {
        return this == LIVE || this == FAILED;
    }

    public static Optional<EventType> fromCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType().equals(ceType)).findFirst();
    }

    public static EventType of(BuildEvent event) {
        return Arrays.stream(values()).filter(t -> t.payloadType == event.getClass()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event type for " + event.getClass()));
    }
}
