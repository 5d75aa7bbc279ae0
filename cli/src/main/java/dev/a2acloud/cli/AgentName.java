package dev.a2acloud.cli;

import java.util.regex.Pattern;

/**
 * The agent-name rule, checked here so a typo fails before any request; the control plane checks it again
 * (and knows the reserved names).
 */
final class AgentName {
    // A DNS-1035 label; the control plane may be stricter (revision-name length, reserved names).
    private static final Pattern RULE = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    private AgentName() {
    }

    static String check(String name) {
        if (name == null || !RULE.matcher(name).matches()) {
            throw CliException.badInput("invalid agent name '" + name + "': use 1-63 lower-case letters, digits and"
                    + " '-', starting with a letter and not ending with '-' (e.g. echo, weather-bot)");
        }
        return name;
    }
}
