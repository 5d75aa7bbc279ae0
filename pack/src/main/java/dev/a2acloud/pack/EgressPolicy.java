package dev.a2acloud.pack;

import java.util.List;
import java.util.regex.Pattern;

/** What external hosts the agent may talk to. Default: nothing; the internet is denied. */
public record EgressPolicy(List<String> allowHosts, List<String> allowInternalServices, boolean denyInternetByDefault) {
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(:[0-9]{1,5})?");

    public EgressPolicy {
        allowHosts = allowHosts == null ? List.of() : List.copyOf(allowHosts);
        allowInternalServices = allowInternalServices == null ? List.of() : List.copyOf(allowInternalServices);
        for (int i = 0; i < allowHosts.size(); i++) {
            if (!HOST.matcher(allowHosts.get(i)).matches()) {
                throw PackException.invalid("runtime.egress.allow_hosts[" + i + "]",
                        "'" + allowHosts.get(i) + "' is not a host name; use e.g. api.example.com or *.example.com");
            }
        }
        for (int i = 0; i < allowInternalServices.size(); i++) {
            if (allowInternalServices.get(i).isBlank()) {
                throw PackException.invalid("runtime.egress.allow_internal_services[" + i + "]", "is empty");
            }
        }
    }

    public static EgressPolicy denyAll() {
        return new EgressPolicy(List.of(), List.of(), true);
    }

    public static EgressPolicy allowHosts(String... hosts) {
        return new EgressPolicy(List.of(hosts), List.of(), true);
    }
}
