package dev.a2acloud.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The builder's own skill bundles ({@code builder-skills/<name>/SKILL.md}, Agent Skills front matter), shipped as
 * resources. The system prompt offers only name and description; the model reads a bundle in full with
 * {@code read_file("/builder-skills/<name>/SKILL.md")} when it decides it needs it (progressive disclosure).
 */
public final class BuilderSkills {
    static final String ROOT = "/builder-skills/";

    /** One bundle: its front matter and the path the model reads it by. */
    public record Bundle(String name, String description, String path) {
    }

    private final List<Bundle> bundles;

    private BuilderSkills(List<Bundle> bundles) {
        this.bundles = List.copyOf(bundles);
    }

    public static BuilderSkills fromResources() {
        List<Bundle> bundles = new ArrayList<>();
        String index = resource(ROOT + "index.txt").orElseThrow(
                () -> new IllegalStateException("builder-skills/index.txt is missing from the generate module"));
        for (String name : index.lines().map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            String path = ROOT + name + "/SKILL.md";
            String text = resource(path).orElseThrow(() -> new IllegalStateException(path + " is missing"));
            bundles.add(new Bundle(frontMatter(text, "name").orElse(name),
                    frontMatter(text, "description").orElse(""), path));
        }
        return new BuilderSkills(bundles);
    }

    public List<Bundle> bundles() {
        return bundles;
    }

    /** The bundle's full text for a model path like {@code /builder-skills/x/SKILL.md}. */
    public Optional<String> read(String modelPath) {
        String path = modelPath.startsWith("/") ? modelPath : "/" + modelPath;
        return bundles.stream().filter(b -> b.path().equals(path)).findFirst().flatMap(b -> resource(b.path()));
    }

    static Optional<String> frontMatter(String text, String key) {
        if (!text.startsWith("---")) {
            return Optional.empty();
        }
        int end = text.indexOf("\n---", 3);
        if (end < 0) {
            return Optional.empty();
        }
        for (String line : text.substring(3, end).lines().toList()) {
            if (line.startsWith(key + ":")) {
                return Optional.of(line.substring(key.length() + 1).strip());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> resource(String path) {
        try (InputStream in = BuilderSkills.class.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
