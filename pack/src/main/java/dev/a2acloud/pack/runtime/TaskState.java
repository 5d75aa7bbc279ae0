package dev.a2acloud.pack.runtime;

import java.util.Locale;

/** A2A task states; the wire spelling differs by protocol version (0.3 {@code input-required}, 1.0 {@code TASK_STATE_INPUT_REQUIRED}). */
enum TaskState {
    SUBMITTED, WORKING, INPUT_REQUIRED, COMPLETED, CANCELED, FAILED, REJECTED, AUTH_REQUIRED;

    boolean terminal() {
        return this == COMPLETED || this == CANCELED || this == FAILED || this == REJECTED;
    }

    String v03() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    String v10() {
        return "TASK_STATE_" + name();
    }
}
