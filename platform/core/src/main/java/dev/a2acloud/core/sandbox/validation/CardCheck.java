package dev.a2acloud.core.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a card produced by {@code a2a card} against the A2A card shape (1.0 with the 0.3 fields), the project's
 * a2a.yaml, the build's version and what the code does. Pure: returns every problem found, each saying what to fix.
 */
final class CardCheck {
    static final Set<String> LLM_MODES = Set.of("none", "platform", "caller_provided", "platform_or_caller_provided",
            "agent_byok");

    private CardCheck() {
    }

    static List<String> problems(JsonNode card, JsonNode manifest, String expectedVersion, SourceFacts facts) {
        List<String> problems = new ArrayList<>();
        if (card == null || !card.isObject()) {
            return List.of("the card is not a JSON object");
        }
        for (String field : List.of("name", "description", "version")) {
            if (!nonEmptyText(card.get(field))) {
                problems.add("the card has no '" + field + "'; set it in a2a.yaml");
            }
        }
        checkInterfaces(card, problems);
        Set<String> skillIds = checkSkills(card, problems);
        String version = card.path("version").asText("");
        if (expectedVersion != null && !expectedVersion.equals(version)) {
            problems.add("the card's version is '" + version + "' but this build is version '" + expectedVersion
                    + "'; set version: " + expectedVersion + " in a2a.yaml");
        }
        if (manifest != null && manifest.isObject()) {
            String declaredName = manifest.path("name").asText("");
            if (!declaredName.isEmpty() && !declaredName.equals(card.path("name").asText(""))) {
                problems.add("the card's name '" + card.path("name").asText("") + "' differs from a2a.yaml's name '"
                        + declaredName + "'");
            }
            for (String policySkill : policySkillIds(manifest.get("skills"))) {
                if (!skillIds.contains(policySkill)) {
                    problems.add("a2a.yaml declares skill '" + policySkill + "' but the code has no such skill "
                            + "(skills in the code: " + String.join(", ", skillIds) + "); add the skill method or "
                            + "remove it from a2a.yaml");
                }
            }
        }
        checkRuntime(card, facts, problems);
        return problems;
    }

    private static void checkInterfaces(JsonNode card, List<String> problems) {
        JsonNode interfaces = card.get("supportedInterfaces");
        if (interfaces == null || !interfaces.isArray() || interfaces.isEmpty()) {
            problems.add("the card has no 'supportedInterfaces' (A2A 1.0)");
        } else {
            for (JsonNode i : interfaces) {
                if (!nonEmptyText(i.get("url"))) {
                    problems.add("a supportedInterfaces entry has no 'url'");
                }
            }
        }
        for (String field : List.of("url", "protocolVersion", "preferredTransport")) {
            if (!nonEmptyText(card.get(field))) {
                problems.add("the card lacks the A2A 0.3 field '" + field + "'");
            }
        }
        if (card.has("capabilities") && !card.get("capabilities").isObject()) {
            problems.add("the card's 'capabilities' is not an object");
        }
        for (String modes : List.of("defaultInputModes", "defaultOutputModes")) {
            if (card.has(modes) && !card.get(modes).isArray()) {
                problems.add("the card's '" + modes + "' is not a list of media types");
            }
        }
    }

    private static Set<String> checkSkills(JsonNode card, List<String> problems) {
        Set<String> ids = new LinkedHashSet<>();
        JsonNode skills = card.get("skills");
        if (skills == null || !skills.isArray() || skills.isEmpty()) {
            problems.add("the agent has no skills: annotate at least one method of the agent class as a skill");
            return ids;
        }
        for (JsonNode skill : skills) {
            String id = skill.path("id").asText("");
            if (id.isEmpty()) {
                problems.add("a skill has no 'id'");
                continue;
            }
            if (!ids.add(id)) {
                problems.add("skill id '" + id + "' is used twice; skill ids must be unique");
            }
            for (String field : List.of("name", "description")) {
                if (!nonEmptyText(skill.get(field))) {
                    problems.add("skill '" + id + "' has no '" + field + "'");
                }
            }
        }
        return ids;
    }

    /** a2a.yaml's {@code skills}: a map keyed by skill id, or a list of entries with {@code id} (or {@code name}). */
    private static Set<String> policySkillIds(JsonNode skills) {
        Set<String> ids = new LinkedHashSet<>();
        if (skills == null) {
            return ids;
        }
        if (skills.isObject()) {
            skills.fieldNames().forEachRemaining(ids::add);
        } else if (skills.isArray()) {
            for (JsonNode s : skills) {
                String id = s.isTextual() ? s.asText() : s.path("id").asText(s.path("name").asText(""));
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /**
     * The runtime extension (under capabilities.extensions, as a2a-pack writes it): {@code params.llm.mode},
     * {@code params.runtime.tools_used} and {@code params.skills.<id>.policy}.
     */
    private static void checkRuntime(JsonNode card, SourceFacts facts, List<String> problems) {
        String llmMode = null;
        Set<String> toolsUsed = new LinkedHashSet<>();
        boolean runtimeFound = false;
        for (JsonNode ext : card.path("capabilities").path("extensions")) {
            if (!nonEmptyText(ext.get("uri"))) {
                problems.add("a card extension has no 'uri'");
            }
            JsonNode params = ext.path("params");
            String mode = findText(params, Set.of("llmmode", "llm_mode"));
            if (mode == null && params.path("llm").isObject()) {
                mode = params.path("llm").path("mode").asText(null);
            }
            if (mode != null) {
                llmMode = mode;
            }
            if (params.path("runtime").isObject()) {
                runtimeFound = true;
                params.path("runtime").path("tools_used").forEach(t -> toolsUsed.add(t.asText()));
            }
            JsonNode skills = params.path("skills");
            if (skills.isObject()) {
                skills.properties().forEach(e -> checkPolicy(e.getKey(),
                        e.getValue().has("policy") ? e.getValue().get("policy") : e.getValue(), problems));
            }
        }
        if (llmMode != null && !LLM_MODES.contains(llmMode)) {
            problems.add("LLM mode '" + llmMode + "' is unknown; use one of " + String.join(", ", sorted(LLM_MODES)));
        }
        if (facts.usesLlm() && (llmMode == null || llmMode.equals("none"))) {
            problems.add("the code calls ctx.llm() but the card declares no LLM mode; declare llm: {mode: platform} "
                    + "(or caller_provided, platform_or_caller_provided, agent_byok) in a2a.yaml");
        }
        if (facts.writesWorkspace() && runtimeFound && !toolsUsed.contains("workspace")) {
            problems.add("the code writes workspace files (ctx.workspace().write…) but the runtime does not declare "
                    + "the workspace grant; add 'workspace' to runtime.tools_used in a2a.yaml");
        }
    }

    private static void checkPolicy(String skill, JsonNode policy, List<String> problems) {
        if (!policy.isObject()) {
            problems.add("skill '" + skill + "' has a policy that is not an object");
            return;
        }
        JsonNode timeout = policy.get("timeout_seconds");
        if (timeout != null && !timeout.isNull() && (!timeout.isNumber() || timeout.asDouble() <= 0)) {
            problems.add("skill '" + skill + "' policy timeout_seconds must be a positive number, was " + timeout);
        }
        JsonNode retries = policy.get("max_retries");
        if (retries != null && !retries.isNull() && (!retries.canConvertToInt() || retries.asInt() < 0)) {
            problems.add("skill '" + skill + "' policy max_retries must be 0 or more, was " + retries);
        }
        JsonNode cost = policy.get("cost_class");
        if (cost != null && !cost.isNull() && !cost.isTextual()) {
            problems.add("skill '" + skill + "' policy cost_class must be text, was " + cost);
        }
    }

    private static String findText(JsonNode node, Set<String> lowerKeys) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (lowerKeys.contains(f.getKey().toLowerCase()) && f.getValue().isTextual()) {
                return f.getValue().asText();
            }
        }
        return null;
    }

    private static boolean nonEmptyText(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank();
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

}
