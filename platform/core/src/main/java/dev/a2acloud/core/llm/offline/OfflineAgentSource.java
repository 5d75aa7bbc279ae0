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

    /** What the skill answers for {@code input}: the expectation the generated project test checks. */
    static String expected(PromptSkills.DerivedSkill skill, String input) {
        String in = input.strip();
        return switch (skill.verb()) {
            case "echo", "repeat" -> in;
            case "reverse" -> new StringBuilder(in).reverse().toString();
            case "count" -> in.isEmpty() ? "0 words" : in.split("\\s+").length + " words";
            case "greet", "welcome" -> "Hello, " + (in.isEmpty() ? "there" : in) + "!";
            case "uppercase", "shout" -> in.toUpperCase(Locale.ROOT);
            case "summarize" -> {
                int end = in.indexOf('.');
                String first = end < 0 ? in : in.substring(0, end + 1);
                yield first.length() > 200 ? first.substring(0, 200) + "..." : first;
            }
            default -> "[offline model] " + skill.verb() + (skill.noun().isEmpty() ? "" : " " + skill.noun()) + ": "
                    + in;
        };
    }

    /** A project test ({@code tests/AgentTests.java}) calling every skill once and checking its exact answer. */
    public static String tests(List<PromptSkills.DerivedSkill> skills) {
        String input = "hello offline world";
        StringBuilder java = new StringBuilder("package tests;\n\n")
                .append("import dev.a2acloud.pack.AgentTest;\n")
                .append("import dev.a2acloud.pack.AgentTestClient;\n")
                .append("import java.util.Map;\n\n")
                .append("/** Written by the A2A Cloud offline model: each skill answers its fixed, known result. */\n")
                .append("public class AgentTests {\n");
        for (PromptSkills.DerivedSkill skill : skills) {
            java.append("\n    @AgentTest\n")
                    .append("    public void ").append(methodName(skill.id())).append("Answers(AgentTestClient agent) {\n")
                    .append("        String answer = agent.invoke(").append(literal(skill.id()))
                    .append(", Map.of(\"text\", ").append(literal(input)).append(")).asText();\n")
                    .append("        String expected = ").append(literal(expected(skill, input))).append(";\n")
                    .append("        if (!answer.equals(expected)) {\n")
                    .append("            throw new AssertionError(").append(literal(skill.id() + " answered '"))
                    .append(" + answer + \"', expected '\" + expected + \"'\");\n")
                    .append("        }\n")
                    .append("    }\n");
        }
        return java.append("}\n").toString();
    }

    /**
     * The template's a2a.yaml (as read, possibly with line numbers) rewritten for the derived agent: the description,
     * the default skill and one policy per derived skill; everything else (name, version, runtime, llm) kept.
     */
    public static String descriptor(String templateYaml, String description, List<PromptSkills.DerivedSkill> skills) {
        StringBuilder out = new StringBuilder();
        boolean inSkills = false;
        boolean wroteSkills = false;
        for (String raw : templateYaml.split("\n", -1)) {
            String line = raw.replaceFirst("^\\s*\\d+\\t", "");
            boolean topLevel = !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#");
            if (topLevel) {
                inSkills = false;
            }
            if (inSkills) {
                continue;
            }
            if (line.startsWith("description:")) {
                out.append("description: ").append(yamlQuote(description)).append('\n');
            } else if (line.startsWith("default_skill:")) {
                out.append("default_skill: ").append(skills.getFirst().id()).append('\n');
            } else if (line.startsWith("skills:")) {
                inSkills = true;
                wroteSkills = true;
                out.append(skillPolicies(skills));
            } else {
                out.append(line).append('\n');
            }
        }
        if (!wroteSkills) {
            out.append(skillPolicies(skills));
        }
        return out.toString().replaceAll("\n+$", "\n");
    }

    private static String skillPolicies(List<PromptSkills.DerivedSkill> skills) {
        StringBuilder out = new StringBuilder("skills:\n");
        for (PromptSkills.DerivedSkill skill : skills) {
            out.append("  ").append(skill.id()).append(":\n")
                    .append("    timeout_seconds: 10\n")
                    .append("    idempotent: true\n")
                    .append("    cost_class: free\n");
        }
        return out.toString();
    }

    private static String yamlQuote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
