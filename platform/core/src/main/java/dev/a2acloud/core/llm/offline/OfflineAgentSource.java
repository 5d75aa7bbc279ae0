package dev.a2acloud.core.llm.offline;

import java.util.List;
import java.util.Locale;

/**
 * Java source of an A2A Pack agent class whose skills are the {@link PromptSkills} of a request. Each skill does
 * something real and deterministic for its verb (echo, reverse, count, greet, summarize, uppercase); other verbs answer
 * with the input, prefixed so nobody mistakes it for a model's work. Pure: text in, text out.
 */
public final class OfflineAgentSource {
    private OfflineAgentSource() {
    }

    /** {@code entrypoint} is the fully qualified class a2a.yaml names, e.g. {@code agent.Agent}. */
    public static String render(String entrypoint, List<PromptSkills.DerivedSkill> skills) {
        int dot = entrypoint.lastIndexOf('.');
        String pkg = dot < 0 ? "" : entrypoint.substring(0, dot);
        String cls = dot < 0 ? entrypoint : entrypoint.substring(dot + 1);
        StringBuilder java = new StringBuilder();
        if (!pkg.isEmpty()) {
            java.append("package ").append(pkg).append(";\n\n");
        }
        java.append("import dev.a2acloud.pack.Param;\n")
                .append("import dev.a2acloud.pack.Skill;\n\n")
                .append("/** Written by the A2A Cloud offline model (no language model was configured). */\n")
                .append("public class ").append(cls).append(" {\n");
        boolean first = true;
        for (PromptSkills.DerivedSkill skill : skills) {
            java.append("\n    @Skill(id = ").append(literal(skill.id()))
                    .append(", description = ").append(literal(skill.description() + " (offline model)"))
                    .append(first ? ", defaultForText = true" : "").append(")\n")
                    .append("    public String ").append(methodName(skill.id()))
                    .append("(@Param(").append(literal("The text to work on")).append(") String text) {\n")
                    .append("        String input = text == null ? \"\" : text.strip();\n")
                    .append("        ").append(body(skill)).append("\n")
                    .append("    }\n");
            first = false;
        }
        return java.append("}\n").toString();
    }

    /** Where the source of {@code entrypoint} lives in the project. */
    public static String path(String entrypoint) {
        return "agent/" + entrypoint.replace('.', '/') + ".java";
    }

    private static String body(PromptSkills.DerivedSkill skill) {
        return switch (skill.verb()) {
            case "echo", "repeat" -> "return input;";
            case "reverse" -> "return new StringBuilder(input).reverse().toString();";
            case "count" -> "return input.isEmpty() ? \"0 words\" : input.split(\"\\\\s+\").length + \" words\";";
            case "greet", "welcome" -> "return \"Hello, \" + (input.isEmpty() ? \"there\" : input) + \"!\";";
            case "uppercase", "shout" -> "return input.toUpperCase(java.util.Locale.ROOT);";
            case "summarize" -> "int end = input.indexOf('.');\n"
                    + "        String first = end < 0 ? input : input.substring(0, end + 1);\n"
                    + "        return first.length() > 200 ? first.substring(0, 200) + \"...\" : first;";
            default -> "return " + literal("[offline model] " + skill.verb()
                    + (skill.noun().isEmpty() ? "" : " " + skill.noun()) + ": ") + " + input;";
        };
    }

    static String methodName(String id) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : id.toCharArray()) {
            if (c == '_' || c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        String name = out.toString();
        return name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) ? "skill" + name : name;
    }

    /** A Java string literal; every non-ASCII or control character escaped so no prompt can break the source. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
