package dev.a2acloud.core.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The runtime declarations of {@code a2a.yaml} that decide how an agent is served (seed reference
 * {@code a2a_pack.runtime}: lifecycle, resources, concurrency, egress). Kept as our own small record so the deploy
 * manifest does not depend on how the pack module models the rest of the project; {@link #fromA2aYaml} reads the
 * {@code runtime:} node directly, accepting snake_case (the seed's spelling) and camelCase keys.
 */
public record AgentRuntimeSpec(Lifecycle lifecycle, String cpu, String memory, int gpu, int maxRuntimeSeconds,
                               int concurrency, Egress egress) {
    private static final Pattern CPU = Pattern.compile("[0-9]+(\\.[0-9]+)?m?");
    private static final Pattern MEMORY = Pattern.compile("[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?");

    /** How long an instance lives; decides the scale bounds of the Knative Service. */
    public enum Lifecycle {
        /** Started per demand, stopped when idle: min-scale 0. */
        EPHEMERAL,
        /** Scale to zero too, but kept a while after the last request so a conversation stays warm. */
        SESSION,
        /** Always at least one instance: min-scale 1. */
        PERSISTENT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Lifecycle ofWire(String wire) {
            String w = wire.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            return switch (w) {
                case "ephemeral" -> EPHEMERAL;
                case "session" -> SESSION;
                case "persistent", "long_running", "always_on" -> PERSISTENT;
                default -> throw GitOpsException.invalid("runtime.lifecycle '" + wire
                        + "' is unknown; use ephemeral, session or persistent");
            };
        }
    }

    /** What the agent may reach: the seed's {@code EgressPolicy}. */
    public record Egress(List<String> allowHosts, List<String> allowInternalServices, boolean denyInternetByDefault) {
        public Egress {
            allowHosts = allowHosts == null ? List.of() : List.copyOf(allowHosts);
            allowInternalServices = allowInternalServices == null ? List.of() : List.copyOf(allowInternalServices);
        }

        public static Egress denyAll() {
            return new Egress(List.of(), List.of(), true);
        }
    }

    public AgentRuntimeSpec {
        if (lifecycle == null) {
            lifecycle = Lifecycle.EPHEMERAL;
        }
        if (egress == null) {
            egress = Egress.denyAll();
        }
        if (cpu == null || !CPU.matcher(cpu).matches()) {
            throw GitOpsException.invalid("runtime.resources.cpu '" + cpu + "' is not a CPU quantity; use e.g. 100m or 1");
        }
        if (memory == null || !MEMORY.matcher(memory).matches()) {
            throw GitOpsException.invalid("runtime.resources.memory '" + memory
                    + "' is not a memory quantity; use e.g. 256Mi or 1Gi");
        }
        if (gpu < 0) {
            throw GitOpsException.invalid("runtime.resources.gpu must be 0 or more, was " + gpu);
        }
        if (maxRuntimeSeconds <= 0) {
            throw GitOpsException.invalid("runtime.resources.max_runtime_seconds must be more than 0, was "
                    + maxRuntimeSeconds);
        }
        if (concurrency <= 0) {
            throw GitOpsException.invalid("runtime.concurrency must be more than 0, was " + concurrency);
        }
    }

    /** The seed's defaults: ephemeral, 100m CPU, 256Mi, no GPU, 600 s, one request at a time, no egress. */
    public static AgentRuntimeSpec defaults() {
        return new AgentRuntimeSpec(Lifecycle.EPHEMERAL, "100m", "256Mi", 0, 600, 1, Egress.denyAll());
    }

    /** Reads the {@code runtime:} node of a parsed {@code a2a.yaml}; absent fields take the defaults. */
    public static AgentRuntimeSpec fromA2aYaml(JsonNode runtime) {
        AgentRuntimeSpec d = defaults();
        if (runtime == null || runtime.isNull() || runtime.isMissingNode()) {
            return d;
        }
        if (!runtime.isObject()) {
            throw GitOpsException.invalid("a2a.yaml 'runtime' must be a mapping");
        }
        JsonNode resources = runtime.path("resources");
        JsonNode egress = runtime.path("egress");
        String lifecycle = text(runtime, "lifecycle", null);
        return new AgentRuntimeSpec(
                lifecycle == null ? d.lifecycle() : Lifecycle.ofWire(lifecycle),
                text(resources, "cpu", d.cpu()),
                text(resources, "memory", d.memory()),
                integer(resources, d.gpu(), "gpu"),
                integer(resources, d.maxRuntimeSeconds(), "max_runtime_seconds", "maxRuntimeSeconds"),
                integer(runtime, d.concurrency(), "concurrency"),
                new Egress(strings(egress, "allow_hosts", "allowHosts"),
                        strings(egress, "allow_internal_services", "allowInternalServices"),
                        bool(egress, true, "deny_internet_by_default", "denyInternetByDefault")));
    }

    private static JsonNode field(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String name, String fallback) {
        JsonNode value = field(node, name);
        // YAML reads "cpu: 1" as a number; a quantity is still meant.
        return value == null ? fallback : value.asText();
    }

    private static int integer(JsonNode node, int fallback, String... names) {
        JsonNode value = field(node, names);
        if (value == null) {
            return fallback;
        }
        if (!value.canConvertToInt() || !(value.isIntegralNumber() || value.asText().matches("-?[0-9]+"))) {
            throw GitOpsException.invalid("runtime field '" + names[0] + "' must be a whole number, was " + value);
        }
        return value.isIntegralNumber() ? value.intValue() : Integer.parseInt(value.asText());
    }

    private static boolean bool(JsonNode node, boolean fallback, String... names) {
        JsonNode value = field(node, names);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw GitOpsException.invalid("runtime.egress." + names[0] + " must be true or false, was " + value);
        }
        return value.booleanValue();
    }

    private static List<String> strings(JsonNode node, String... names) {
        JsonNode value = field(node, names);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw GitOpsException.invalid("runtime.egress." + names[0] + " must be a list of host names");
        }
        List<String> out = new ArrayList<>();
        value.forEach(v -> out.add(v.asText()));
        return out;
    }
}
