package dev.a2acloud.core.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What the sandbox may reach on the network: nothing, or only the listed hosts. */
public record EgressPolicy(Mode mode, List<String> hosts) {
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?");

    public enum Mode {
        NONE, ALLOW_LIST;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Mode ofWire(String wire) {
            for (Mode m : values()) {
                if (m.wire().equals(wire)) {
                    return m;
                }
            }
            throw SandboxException.badRequest("egress mode '" + wire + "' is unknown; use 'none' or 'allow-list'");
        }
    }

    public EgressPolicy {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        if (mode == null) {
            throw SandboxException.badRequest("egress mode is missing; use 'none' or 'allow-list'");
        }
        if (mode == Mode.NONE && !hosts.isEmpty()) {
            throw SandboxException.badRequest("egress mode 'none' takes no hosts; use 'allow-list' to allow " + hosts);
        }
        if (mode == Mode.ALLOW_LIST && hosts.isEmpty()) {
            throw SandboxException.badRequest("egress 'allow-list' needs at least one host, e.g. api.github.com");
        }
        for (String host : hosts) {
            if (!HOST.matcher(host).matches()) {
                throw SandboxException.badRequest("egress host '" + host + "' is not a host name (optionally *.domain or host:port)");
            }
        }
    }

    public static EgressPolicy none() {
        return new EgressPolicy(Mode.NONE, List.of());
    }

    public static EgressPolicy allow(List<String> hosts) {
        return new EgressPolicy(Mode.ALLOW_LIST, hosts);
    }
}
