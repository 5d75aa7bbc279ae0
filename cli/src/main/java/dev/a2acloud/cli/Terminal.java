package dev.a2acloud.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/** Whether stdout is a person's terminal (progress display) or a pipe/file (plain lines). */
final class Terminal {
    private Terminal() {
    }

    static boolean isInteractive(Map<String, String> env) {
        if ("dumb".equals(env.get("TERM")) || env.containsKey("CI")) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 on System.console() may exist even when redirected; isTerminal() tells (absent on 21).
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
