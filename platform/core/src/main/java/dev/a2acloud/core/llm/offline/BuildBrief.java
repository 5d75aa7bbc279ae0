package dev.a2acloud.core.llm.offline;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first user message of a build conversation: which agent to write, its version and the user's request. The
 * builder loop renders it; the offline model parses it back (a real model just reads it).
 */
public record BuildBrief(String agent, String version, String prompt) {
    private static final Pattern FORM = Pattern.compile(
            "Agent name: (?<agent>[^\\n]+)\\nVersion: (?<version>[^\\n]+)\\nRequest:\\n(?<prompt>.*)", Pattern.DOTALL);

    public String render() {
        return "Build an A2A Pack agent.\nAgent name: " + agent + "\nVersion: " + version + "\nRequest:\n" + prompt;
    }

    public static Optional<BuildBrief> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new BuildBrief(m.group("agent").strip(), m.group("version").strip(),
                m.group("prompt").strip()));
    }
}
