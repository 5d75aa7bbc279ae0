package dev.a2acloud.core.sandbox;

import java.util.Locale;

/** Why the sandbox ended a run instead of the command ending by itself. */
public enum KillReason {
    /** The wall-clock timeout passed; the whole process tree was killed. */
    TIMEOUT,
    /** The memory limit was reached and the kernel's OOM killer ended a process. */
    MEMORY,
    /** The process limit was reached (e.g. a fork bomb): at least one fork was refused. */
    PIDS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KillReason ofWire(String wire) {
        return wire == null ? null : valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
