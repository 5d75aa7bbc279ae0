package dev.a2acloud.pack.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.a2acloud.pack.AgentRuntime;
import dev.a2acloud.pack.EgressPolicy;
import dev.a2acloud.pack.Lifecycle;
import dev.a2acloud.pack.LlmMode;
import dev.a2acloud.pack.PackException;
import dev.a2acloud.pack.Resources;
import dev.a2acloud.pack.Sandbox;
import dev.a2acloud.pack.SkillPolicy;
import dev.a2acloud.pack.State;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The project descriptor {@code a2a.yaml} (snake_case keys, the seed's spelling):
 * <pre>
 * name: echo                      # lower case, digits, '-'; the service name
 * version: 0.1.0
 * description: Echoes text back
 * entrypoint: agent.EchoAgent     # the agent class
 * default_skill: echo             # optional: which skill answers plain text
 * llm: {mode: platform, model: gpt-4o-mini}
 * runtime: {lifecycle, state, sandbox, resources: {cpu, memory, gpu, max_runtime_seconds}, concurrency,
 *           egress: {allow_hosts, allow_internal_services, deny_internet_by_default}, tools_used}
 * skills: {echo: {timeout_seconds, idempotent, max_retries, cost_class, allow_scope_expansion}}
 * frontend: {dir: frontend, entry: index.html}
 * dependencies: [group:artifact:version]
 * </pre>
 * Declared values are kept as "declared or null" so {@link AgentModel} can tell a disagreement with the code from a
 * value only one side states. Unknown keys are refused (a typo would otherwise silently change nothing).
 */
public record A2aYaml(String name, String version, String description, String entrypoint, String defaultSkill,
                      LlmMode llmMode, String llmModel, RuntimeDecl runtime, Map<String, PolicyDecl> skills,
                      Frontend frontend, List<String> dependencies) {

    /** Runtime fields as declared; null = not stated in a2a.yaml. */
    public record RuntimeDecl(Lifecycle lifecycle, State state, Sandbox sandbox, String cpu, String memory, Integer gpu,
                              Integer maxRuntimeSeconds, Integer concurrency, List<String> allowHosts,
                              List<String> allowInternalServices, Boolean denyInternetByDefault,
                              List<String> toolsUsed) {
        static RuntimeDecl none() {
            return new RuntimeDecl(null, null, null, null, null, null, null, null, null, null, null, null);
        }

        /** The declared values over the defaults, validated (errors name the runtime field). */
        public AgentRuntime toRuntime() {
            AgentRuntime d = AgentRuntime.defaults();
            Resources r = d.resources();
            Resources resources = new Resources(cpu != null ? cpu : r.cpu(), memory != null ? memory : r.memory(),
                    gpu != null ? gpu : r.gpu(), maxRuntimeSeconds != null ? maxRuntimeSeconds : r.maxRuntimeSeconds());
            EgressPolicy egress = new EgressPolicy(allowHosts, allowInternalServices,
                    denyInternetByDefault == null || denyInternetByDefault);
            return new AgentRuntime(lifecycle, state, sandbox, resources, concurrency != null ? concurrency : 1,
                    egress, toolsUsed);
        }
    }

    /** A skill policy as declared; null = not stated. */
    public record PolicyDecl(Double timeoutSeconds, Boolean idempotent, Integer maxRetries, String costClass,
                             Boolean allowScopeExpansion) {
    }

    /** Static files served at the agent's root; {@code entry} is the file served for {@code /}. */
    public record Frontend(String dir, String entry) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern NAME = Pattern.compile("[a-z]([a-z0-9-]{0,50}[a-z0-9])?");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]{0,63}");
    private static final Pattern CLASS_NAME = Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*\\.)*[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern SKILL_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern COORDINATE = Pattern.compile("[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_.+-]+");

    public static A2aYaml parse(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            throw PackException.invalid("a2a.yaml", "is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : ""));
        }
        if (root == null || !root.isObject()) {
            throw PackException.invalid("a2a.yaml", "must be a mapping with name, version, description and entrypoint");
        }
        only(root, "", Set.of("name", "version", "description", "entrypoint", "default_skill", "llm", "runtime",
                "skills", "frontend", "dependencies"));
        String name = required(root, "name");
        if (!NAME.matcher(name).matches()) {
            throw PackException.invalid("name", "'" + name + "' must be lower case letters, digits and '-', start with a "
                    + "letter, at most 52 characters");
        }
        String version = required(root, "version");
        if (!VERSION.matcher(version).matches()) {
            throw PackException.invalid("version", "'" + version + "' is not a version; use e.g. 0.1.0");
        }
        String description = required(root, "description");
        String entrypoint = required(root, "entrypoint");
        if (!CLASS_NAME.matcher(entrypoint).matches()) {
            throw PackException.invalid("entrypoint", "'" + entrypoint + "' is not a Java class name; use e.g. agent.EchoAgent");
        }
        String defaultSkill = optionalText(root, "default_skill");

        LlmMode mode = null;
        String model = null;
        JsonNode llm = root.get("llm");
        if (llm != null && !llm.isNull()) {
            if (llm.isTextual()) {
                mode = LlmMode.ofWire("llm.mode", llm.asText());
            } else {
                mapping(llm, "llm");
                only(llm, "llm.", Set.of("mode", "model"));
                String m = optionalText(llm, "mode", "llm.mode");
                mode = m == null ? null : LlmMode.ofWire("llm.mode", m);
                model = optionalText(llm, "model", "llm.model");
            }
        }
        RuntimeDecl runtime = runtime(root.get("runtime"));
        Map<String, PolicyDecl> skills = skills(root.get("skills"));
        Frontend frontend = frontend(root.get("frontend"));
        List<String> dependencies = strings(root.get("dependencies"), "dependencies");
        for (int i = 0; i < dependencies.size(); i++) {
            if (!COORDINATE.matcher(dependencies.get(i)).matches()) {
                throw PackException.invalid("dependencies[" + i + "]", "'" + dependencies.get(i)
                        + "' is not a Maven coordinate; use group:artifact:version");
            }
        }
        return new A2aYaml(name, version, description, entrypoint, defaultSkill, mode, model, runtime, skills,
                frontend, dependencies);
    }

    private static RuntimeDecl runtime(JsonNode node) {
        if (node == null || node.isNull()) {
            return RuntimeDecl.none();
        }
        mapping(node, "runtime");
        only(node, "runtime.", Set.of("lifecycle", "state", "sandbox", "resources", "concurrency", "egress", "tools_used"));
        JsonNode res = node.path("resources");
        if (!res.isMissingNode()) {
            mapping(res, "runtime.resources");
            only(res, "runtime.resources.", Set.of("cpu", "memory", "gpu", "max_runtime_seconds"));
        }
        JsonNode egress = node.path("egress");
        if (!egress.isMissingNode()) {
            mapping(egress, "runtime.egress");
            only(egress, "runtime.egress.", Set.of("allow_hosts", "allow_internal_services", "deny_internet_by_default"));
        }
        String lifecycle = optionalText(node, "lifecycle", "runtime.lifecycle");
        String state = optionalText(node, "state", "runtime.state");
        String sandbox = optionalText(node, "sandbox", "runtime.sandbox");
        return new RuntimeDecl(
                lifecycle == null ? null : Lifecycle.ofWire("runtime.lifecycle", lifecycle),
                state == null ? null : State.ofWire("runtime.state", state),
                sandbox == null ? null : Sandbox.ofWire("runtime.sandbox", sandbox),
                optionalText(res, "cpu", "runtime.resources.cpu"),
                optionalText(res, "memory", "runtime.resources.memory"),
                integer(res, "gpu", "runtime.resources.gpu"),
                integer(res, "max_runtime_seconds", "runtime.resources.max_runtime_seconds"),
                integer(node, "concurrency", "runtime.concurrency"),
                egress.has("allow_hosts") ? strings(egress.get("allow_hosts"), "runtime.egress.allow_hosts") : null,
                egress.has("allow_internal_services")
                        ? strings(egress.get("allow_internal_services"), "runtime.egress.allow_internal_services") : null,
                bool(egress, "deny_internet_by_default", "runtime.egress.deny_internet_by_default"),
                node.has("tools_used") ? strings(node.get("tools_used"), "runtime.tools_used") : null);
    }

    private static Map<String, PolicyDecl> skills(JsonNode node) {
        Map<String, PolicyDecl> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        mapping(node, "skills");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            String f = "skills." + id;
            if (!SKILL_ID.matcher(id).matches()) {
                throw PackException.invalid(f, "'" + id + "' is not a skill id; use lower case letters, digits, '-', '_'");
            }
            JsonNode p = e.getValue();
            if (p == null || p.isNull()) {
                out.put(id, new PolicyDecl(null, null, null, null, null));
                continue;
            }
            mapping(p, f);
            only(p, f + ".", Set.of("timeout_seconds", "idempotent", "max_retries", "cost_class", "allow_scope_expansion"));
            Double timeout = null;
            if (p.has("timeout_seconds") && !p.get("timeout_seconds").isNull()) {
                if (!p.get("timeout_seconds").isNumber()) {
                    throw PackException.invalid(f + ".timeout_seconds", "must be a number of seconds, was " + p.get("timeout_seconds"));
                }
                timeout = p.get("timeout_seconds").asDouble();
            }
            PolicyDecl decl = new PolicyDecl(timeout, bool(p, "idempotent", f + ".idempotent"),
                    integer(p, "max_retries", f + ".max_retries"), optionalText(p, "cost_class", f + ".cost_class"),
                    bool(p, "allow_scope_expansion", f + ".allow_scope_expansion"));
            try {
                new SkillPolicy(decl.timeoutSeconds(), false, decl.maxRetries() == null ? 0 : decl.maxRetries(), null, false);
            } catch (PackException ex) {
                throw PackException.invalid(f + "." + ex.field(), ex.getMessage().substring(ex.field().length() + 2));
            }
            out.put(id, decl);
        }
        return out;
    }

    private static Frontend frontend(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String dir;
        String entry;
        if (node.isTextual()) {
            // "frontend/index.html" or "frontend"
            String s = node.asText();
            int slash = s.indexOf('/');
            dir = slash < 0 ? s : s.substring(0, slash);
            entry = slash < 0 || slash == s.length() - 1 ? "index.html" : s.substring(slash + 1);
        } else {
            mapping(node, "frontend");
            only(node, "frontend.", Set.of("dir", "entry"));
            dir = optionalText(node, "dir", "frontend.dir");
            entry = optionalText(node, "entry", "frontend.entry");
            dir = dir == null ? "frontend" : dir;
            entry = entry == null ? "index.html" : entry;
        }
        if (!dir.equals("frontend")) {
            throw PackException.invalid("frontend.dir", "'" + dir + "' must be 'frontend' (the folder packed into the jar)");
        }
        if (entry.contains("..") || entry.startsWith("/") || entry.contains("\\")) {
            throw PackException.invalid("frontend.entry", "'" + entry + "' must be a relative path inside frontend/");
        }
        return new Frontend(dir, entry);
    }

    // ---- small readers that name the field on every refusal ----

    private static void mapping(JsonNode node, String field) {
        if (!node.isObject()) {
            throw PackException.invalid(field, "must be a mapping, was " + node.getNodeType().name().toLowerCase());
        }
    }

    private static void only(JsonNode node, String prefix, Set<String> allowed) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw PackException.invalid(prefix + k, "is not a known key; allowed here: " + String.join(", ",
                        allowed.stream().sorted().toList()));
            }
        });
    }

    private static String required(JsonNode root, String field) {
        String value = optionalText(root, field);
        if (value == null || value.isBlank()) {
            throw PackException.invalid(field, "is required in a2a.yaml");
        }
        return value.trim();
    }

    private static String optionalText(JsonNode node, String field) {
        return optionalText(node, field, field);
    }

    private static String optionalText(JsonNode node, String key, String field) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw PackException.invalid(field, "must be a single value, was " + v.getNodeType().name().toLowerCase());
        }
        return v.asText();
    }

    private static Integer integer(JsonNode node, String key, String field) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw PackException.invalid(field, "must be a whole number, was " + v);
        }
        return v.intValue();
    }

    private static Boolean bool(JsonNode node, String key, String field) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw PackException.invalid(field, "must be true or false, was " + v);
        }
        return v.booleanValue();
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw PackException.invalid(field, "must be a list");
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isValueNode()) {
                throw PackException.invalid(field + "[" + i + "]", "must be a single value");
            }
            out.add(node.get(i).asText());
        }
        return out;
    }
}
