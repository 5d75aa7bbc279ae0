package dev.a2acloud.pack;

import java.util.Locale;

/**
 * Isolation level. An enum rather than a constant so the wire format stays stable if tiers are added, but only one
 * value is valid: every agent runs in a microVM-class sandbox.
 */
public enum Sandbox {
    MICROSANDBOX;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Sandbox ofWire(String field, String value) {
        return Wire.enumOf(Sandbox.class, field, value);
    }
}
