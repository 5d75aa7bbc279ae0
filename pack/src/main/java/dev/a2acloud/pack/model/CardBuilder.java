package dev.a2acloud.pack.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.a2acloud.pack.AgentRuntime;
import dev.a2acloud.pack.SkillPolicy;

/**
 * The Agent Card, a pure function of the agent model and its public URL. Valid for A2A 1.0 ({@code
 * supportedInterfaces}, {@code capabilities}, skills, default modes, {@code securitySchemes}) and carrying the 0.3
 * fields ({@code url}, {@code protocolVersion}, {@code preferredTransport}, {@code additionalInterfaces}) so 0.3
 * clients work. Everything A2A has no field for — runtime declarations, LLM mode, skill policies and schemas — goes
 * in one extension under {@code capabilities.extensions} ({@link #RUNTIME_EXTENSION}), not as unknown top-level
 * fields.
 *
 * <p>Security: the agent itself checks no credentials, so by default {@code securitySchemes} is empty. When the
 * platform in front of it requires a bearer token it says so with {@code bearerAuth = true}; the scheme is then
 * written in both the 1.0 shape ({@code httpAuthSecurityScheme}) and the 0.3 shape ({@code type}/{@code scheme}).
 */
public final class CardBuilder {
    public static final String RUNTIME_EXTENSION = "https://a2acloud.dev/extensions/runtime/v1";
    public static final String PROTOCOL_1_0 = "1.0";
    public static final String PROTOCOL_0_3 = "0.3.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CardBuilder() {
    }

    public static ObjectNode build(AgentModel model, String publicUrl, boolean bearerAuth) {
        A2aYaml y = model.yaml();
        ObjectNode card = JSON.createObjectNode();
        card.put("name", y.name());
        card.put("description", y.description());
        ArrayNode interfaces = card.putArray("supportedInterfaces");
        interfaces.addObject().put("url", publicUrl).put("protocolBinding", "JSONRPC").put("protocolVersion", PROTOCOL_1_0);
        interfaces.addObject().put("url", publicUrl).put("protocolBinding", "JSONRPC").put("protocolVersion", "0.3");
        card.putObject("provider").put("organization", "A2A Cloud").put("url", "https://a2acloud.dev");
        card.put("version", y.version());

        ObjectNode capabilities = card.putObject("capabilities");
        capabilities.put("streaming", true);
        capabilities.put("pushNotifications", false);
        capabilities.put("extendedAgentCard", false);
        ObjectNode ext = capabilities.putArray("extensions").addObject();
        ext.put("uri", RUNTIME_EXTENSION);
        ext.put("description", "A2A Cloud runtime declarations: lifecycle, state, sandbox, resources, concurrency, "
                + "egress, tools, LLM mode, skill policies and JSON Schemas of skill inputs/outputs");
        ext.put("required", false);
        ext.set("params", extensionParams(model));

        ObjectNode schemes = card.putObject("securitySchemes");
        if (bearerAuth) {
            ObjectNode bearer = schemes.putObject("bearer");
            bearer.putObject("httpAuthSecurityScheme").put("scheme", "Bearer").put("bearerFormat", "JWT")
                    .put("description", "A platform token");
            bearer.put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
            card.putArray("securityRequirements").addObject().putObject("schemes").putObject("bearer").putArray("list");
            card.putArray("security").addObject().putArray("bearer");
        }
        card.putArray("defaultInputModes").add("text/plain").add("application/json");
        card.putArray("defaultOutputModes").add("text/plain").add("application/json");

        ArrayNode skills = card.putArray("skills");
        for (SkillModel s : model.skills().values()) {
            ObjectNode n = skills.addObject();
            n.put("id", s.id());
            n.put("name", s.name());
            n.put("description", s.description());
            ArrayNode tags = n.putArray("tags");
            s.tags().forEach(tags::add);
            ArrayNode examples = n.putArray("examples");
            s.examples().forEach(examples::add);
            if (s == model.defaultSkill()) {
                n.putArray("inputModes").add("text/plain").add("application/json");
            } else {
                n.putArray("inputModes").add("application/json");
            }
            n.putArray("outputModes").add("text/plain").add("application/json");
        }

        // A2A 0.3 fields.
        card.put("url", publicUrl);
        card.put("protocolVersion", PROTOCOL_0_3);
        card.put("preferredTransport", "JSONRPC");
        card.putArray("additionalInterfaces").addObject().put("url", publicUrl).put("transport", "JSONRPC");
        return card;
    }

    static ObjectNode extensionParams(AgentModel model) {
        ObjectNode params = JSON.createObjectNode();
        params.set("runtime", runtime(model.runtime()));
        ObjectNode llm = params.putObject("llm").put("mode", model.llmMode().wire());
        if (model.yaml().llmModel() != null) {
            llm.put("model", model.yaml().llmModel());
        }
        if (model.defaultSkill() != null) {
            params.put("default_skill", model.defaultSkill().id());
        }
        params.put("invoke_path", "/invoke/{skill}");
        if (model.yaml().frontend() != null) {
            params.putObject("frontend").put("entry", model.yaml().frontend().entry());
        }
        ObjectNode skills = params.putObject("skills");
        for (SkillModel s : model.skills().values()) {
            ObjectNode n = skills.putObject(s.id());
            n.set("policy", policy(s.policy()));
            n.set("input_schema", s.inputSchema());
            n.set("output_schema", s.outputSchema());
        }
        return params;
    }

    public static ObjectNode runtime(AgentRuntime r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("lifecycle", r.lifecycle().wire());
        n.put("state", r.state().wire());
        n.put("sandbox", r.sandbox().wire());
        n.putObject("resources").put("cpu", r.resources().cpu()).put("memory", r.resources().memory())
                .put("gpu", r.resources().gpu()).put("max_runtime_seconds", r.resources().maxRuntimeSeconds());
        n.put("concurrency", r.concurrency());
        ObjectNode egress = n.putObject("egress");
        r.egress().allowHosts().forEach(egress.putArray("allow_hosts")::add);
        r.egress().allowInternalServices().forEach(egress.putArray("allow_internal_services")::add);
        egress.put("deny_internet_by_default", r.egress().denyInternetByDefault());
        r.toolsUsed().forEach(n.putArray("tools_used")::add);
        return n;
    }

    public static ObjectNode policy(SkillPolicy p) {
        ObjectNode n = JSON.createObjectNode();
        if (p.timeoutSeconds() == null) {
            n.putNull("timeout_seconds");
        } else {
            n.put("timeout_seconds", p.timeoutSeconds());
        }
        n.put("idempotent", p.idempotent());
        n.put("max_retries", p.maxRetries());
        if (p.costClass() == null) {
            n.putNull("cost_class");
        } else {
            n.put("cost_class", p.costClass());
        }
        n.put("allow_scope_expansion", p.allowScopeExpansion());
        return n;
    }
}
