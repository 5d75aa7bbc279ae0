package dev.a2acloud.pack;

import java.util.Locale;

/** What kind of state the agent retains between invocations. */
public enum State {
    /** Nothing survives a request. */
    NONE,
    /** State per conversation (context id), lost when the instance stops. */
    SESSION,
    /** State kept in the caller's workspace across instances. */
    PERSISTENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static State ofWire(String field, String value) {
        return Wire.enumOf(State.class, field, value);
    }
}
