package dev.a2acloud.core.llm.offline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Derives an agent's skills from a natural-language request without a model: each known verb in the request becomes a
 * skill, named after the verb and the noun that follows it ("summarize articles and translate them" →
 * {@code summarize_articles}, {@code translate_them} is skipped as a pronoun → {@code translate}). Deterministic, so the
 * same prompt always yields the same agent.
 */
public final class PromptSkills {
    /** A skill to write: id, the verb that names its behaviour, the noun it works on (may be empty). */
    public record DerivedSkill(String id, String verb, String noun, String description) {
    }

    static final int MAX_SKILLS = 3;

    /** Verbs the offline model recognises, mapped to their canonical spelling. */
    private static final Map<String, String> VERBS = verbs();
    private static final Set<String> SKIP = Set.of("a", "an", "the", "my", "your", "their", "its", "our", "some",
            "any", "all", "it", "them", "this", "that", "these", "those", "me", "us", "him", "her", "and", "or",
            "to", "of", "for", "in", "on", "with", "from", "into", "back", "out", "up", "given", "each", "every",
            "then", "as", "by", "at", "is", "are", "be", "can", "will", "should", "please", "agent", "that's");

    private PromptSkills() {
    }

    public static List<DerivedSkill> derive(String prompt) {
        String[] words = prompt == null ? new String[0]
                : prompt.toLowerCase(Locale.ROOT).split("[^a-z0-9']+");
        Map<String, DerivedSkill> skills = new LinkedHashMap<>();
        for (int i = 0; i < words.length && skills.size() < MAX_SKILLS; i++) {
            String verb = VERBS.get(words[i]);
            if (verb == null) {
                continue;
            }
            String noun = "";
            for (int j = i + 1; j < words.length && j <= i + 3; j++) {
                if (VERBS.containsKey(words[j])) {
                    break;
                }
                if (!SKIP.contains(words[j]) && words[j].matches("[a-z][a-z0-9]{1,30}")) {
                    noun = words[j];
                    break;
                }
            }
            String id = noun.isEmpty() ? verb : verb + "_" + noun;
            if (!skills.containsKey(id) && skills.values().stream().noneMatch(s -> s.verb().equals(verb))) {
                String what = noun.isEmpty() ? "the given text" : "the given " + noun;
                skills.put(id, new DerivedSkill(id, verb, noun, capitalise(verb) + " " + what + "."));
            }
        }
        if (skills.isEmpty()) {
            skills.put("respond", new DerivedSkill("respond", "respond", "",
                    "Respond to a message as the request describes."));
        }
        return new ArrayList<>(skills.values());
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Map<String, String> verbs() {
        Map<String, String> v = new LinkedHashMap<>();
        for (String verb : List.of("echo", "reverse", "count", "greet", "summarize", "translate", "uppercase",
                "shout", "classify", "extract", "convert", "calculate", "compute", "search", "find", "answer",
                "explain", "describe", "review", "check", "validate", "format", "generate", "write", "draft",
                "plan", "schedule", "remind", "track", "list", "sort", "compare", "recommend", "analyze", "tag",
                "score", "rank", "detect", "fetch", "lookup", "repeat", "welcome", "tell", "joke", "rewrite")) {
            v.put(verb, verb);
        }
        v.put("summarise", "summarize");
        v.put("summarizes", "summarize");
        v.put("summarises", "summarize");
        v.put("analyse", "analyze");
        v.put("analyses", "analyze");
        v.put("analyzes", "analyze");
        v.put("echoes", "echo");
        v.put("reverses", "reverse");
        v.put("counts", "count");
        v.put("greets", "greet");
        v.put("translates", "translate");
        v.put("answers", "answer");
        v.put("says", "echo");
        v.put("repeats", "repeat");
        v.put("converts", "convert");
        v.put("calculates", "calculate");
        v.put("finds", "find");
        v.put("checks", "check");
        v.put("writes", "write");
        v.put("tells", "tell");
        return Map.copyOf(v);
    }
}
