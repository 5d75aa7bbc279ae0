package dev.a2acloud.pack;

import java.util.Locale;

/** How long an instance of the agent process lives (decides the scale bounds of its service). */
public enum Lifecycle {
    /** Started on demand, stopped when idle (scale to zero). */
    EPHEMERAL,
    /** Scales to zero too, but stays a while after the last request so a conversation remains warm. */
    SESSION,
    /** Always at least one instance. */
    PERSISTENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Lifecycle ofWire(String field, String value) {
        return Wire.enumOf(Lifecycle.class, field, value);
    }
}
