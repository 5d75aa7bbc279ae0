package dev.a2acloud.pack.tool;

import dev.a2acloud.pack.PackException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The starter project {@code init} writes (resources under {@code template/}): a2a.yaml, an agent with a default
 * text skill {@code echo} and a typed skill {@code stats}, and a project test. {@code {{name}}} becomes the name.
 */
public final class Template {
    static final List<String> FILES = List.of("a2a.yaml", "agent/Agent.java", "tests/AgentTests.java",
            "skills/echo/SKILL.md", "README.md");
    private static final Pattern NAME = Pattern.compile("[a-z]([a-z0-9-]{0,50}[a-z0-9])?");

    private Template() {
    }

    public static void write(String name, Path dir) {
        if (!NAME.matcher(name).matches()) {
            throw PackException.invalid("name", "'" + name + "' must be lower case letters, digits and '-', start with "
                    + "a letter, at most 52 characters");
        }
        if (Files.exists(dir.resolve("a2a.yaml"))) {
            throw PackException.invalid("dir", dir + " already holds an agent project (a2a.yaml); choose an empty folder");
        }
        try {
            for (String file : FILES) {
                String text;
                try (InputStream in = Template.class.getResourceAsStream("/template/" + file)) {
                    if (in == null) {
                        throw new PackException("the pack is missing its template file " + file + "; rebuild a2a-pack");
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                Files.writeString(target, text.replace("{{name}}", name));
            }
        } catch (IOException e) {
            throw new PackException("could not write the template into " + dir + ": " + e.getMessage());
        }
    }
}
