package dev.a2acloud.controlplane.agents;

import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.core.workspace.TarballEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * An uploaded project after the tarball passed intake: its files relative to the project root (a single wrapping
 * folder, as {@code tar czf x.tgz echo/} makes, is removed; builder state under {@code .a2a/} is dropped) and the
 * name and version its {@code a2a.yaml} declares. Pure.
 */
public record UploadedProject(List<TarballEntry> files, String declaredName, String declaredVersion) {
    private static final String MANIFEST = "a2a.yaml";

    public static UploadedProject of(List<TarballEntry> entries) {
        List<TarballEntry> files = unwrap(entries);
        TarballEntry manifest = files.stream().filter(f -> f.path().equals(MANIFEST)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("missing_manifest", "the tarball has no a2a.yaml at its"
                        + " root; upload the project folder (a2a init creates one)", "source"));
        Map<?, ?> yaml = parse(manifest.data());
        List<TarballEntry> kept = files.stream()
                .filter(f -> !f.path().equals(".a2a") && !f.path().startsWith(".a2a/")).toList();
        return new UploadedProject(kept, string(yaml.get("name")), string(yaml.get("version")));
    }

    private static List<TarballEntry> unwrap(List<TarballEntry> entries) {
        if (entries.stream().anyMatch(e -> e.path().equals(MANIFEST)) || entries.isEmpty()) {
            return entries;
        }
        String first = entries.get(0).path();
        int slash = first.indexOf('/');
        if (slash < 0) {
            return entries;
        }
        String top = first.substring(0, slash + 1);
        if (!entries.stream().allMatch(e -> e.path().startsWith(top))) {
            return entries;
        }
        List<TarballEntry> out = new ArrayList<>();
        for (TarballEntry e : entries) {
            out.add(new TarballEntry(e.path().substring(top.length()), e.data()));
        }
        return out;
    }

    private static Map<?, ?> parse(byte[] data) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(1 << 20);
        try {
            Object root = new Yaml(new SafeConstructor(options)).load(new String(data, StandardCharsets.UTF_8));
            if (root instanceof Map<?, ?> map) {
                return map;
            }
        } catch (RuntimeException e) {
            throw ApiException.badRequest("invalid_manifest", "a2a.yaml is not valid YAML: "
                    + String.valueOf(e.getMessage()).split("\n", 2)[0], "source");
        }
        throw ApiException.badRequest("invalid_manifest", "a2a.yaml must be a YAML mapping (name, version, ...)",
                "source");
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value).strip();
    }
}
