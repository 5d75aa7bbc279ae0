package dev.a2acloud.cli;

import java.time.Duration;
import java.time.Instant;

/** Elapsed time the way kubectl and kn print it (Kubernetes' HumanDuration): 45s, 3m20s, 5h, 3d4h, 400d. */
final class Ages {
    private Ages() {
    }

    static String since(Instant then, Instant now) {
        if (then == null) {
            return "<unknown>";
        }
        return human(Duration.between(then, now));
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long rest = seconds % 60;
            return rest == 0 ? minutes + "m" : minutes + "m" + rest + "s";
        }
        if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long rest = minutes % 60;
            return rest == 0 ? hours + "h" : hours + "h" + rest + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            long rest = hours % 24;
            return rest == 0 ? hours / 24 + "d" : hours / 24 + "d" + rest + "h";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        }
        long years = hours / 24 / 365;
        if (years < 8) {
            long days = hours / 24 % 365;
            return days == 0 ? years + "y" : years + "y" + days + "d";
        }
        return years + "y";
    }

    /** A step duration for people: 850 ms, 1.2 s, 2m05s. */
    static String millis(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return String.format(java.util.Locale.ROOT, "%dm%02ds", millis / 60_000, millis / 1000 % 60);
    }
}
