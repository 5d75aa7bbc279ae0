package dev.a2acloud.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a build's source came from: written by the builder from a prompt, or uploaded as a tarball. */
public enum Origin {
    PROMPT, UPLOAD;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }
}
