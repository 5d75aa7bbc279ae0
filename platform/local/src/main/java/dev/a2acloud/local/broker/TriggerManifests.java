package dev.a2acloud.local.broker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.knative.eventing.v1.Trigger;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the Trigger manifests of {@code knative/} — the very files a cluster applies — from a directory or the
 * classpath. Follows {@code kustomization.yaml}'s {@code resources} when there is one (so only what kustomize would
 * deploy counts), otherwise every {@code *.yaml}; keeps the Triggers of one broker.
 */
public final class TriggerManifests {
    static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private TriggerManifests() {
    }

    public static List<TriggerSpec> fromDirectory(Path dir, String broker) {
        if (!Files.isDirectory(dir)) {
            throw new TriggerManifestException("Trigger manifests directory " + dir + " does not exist; point the "
                    + "broker at the project's knative/ folder");
        }
        List<TriggerSpec> triggers = new ArrayList<>();
        for (String file : resources(dir)) {
            try (InputStream in = Files.newInputStream(dir.resolve(file))) {
                triggers.addAll(parse(in, file));
            } catch (IOException e) {
                throw new TriggerManifestException("cannot read " + dir.resolve(file) + ": " + e.getMessage(), e);
            }
        }
        return forBroker(triggers, broker);
    }

    /** {@code base} is a classpath folder holding {@code kustomization.yaml}, e.g. {@code knative/}. */
    public static List<TriggerSpec> fromClasspath(String base, String broker) {
        String folder = base.endsWith("/") ? base : base + "/";
        ClassLoader loader = TriggerManifests.class.getClassLoader();
        List<String> files;
        try (InputStream in = loader.getResourceAsStream(folder + "kustomization.yaml")) {
            if (in == null) {
                throw new TriggerManifestException("no " + folder + "kustomization.yaml on the classpath");
            }
            files = kustomizationResources(YAML.readTree(in));
        } catch (IOException e) {
            throw new TriggerManifestException("cannot read " + folder + "kustomization.yaml: " + e.getMessage(), e);
        }
        List<TriggerSpec> triggers = new ArrayList<>();
        for (String file : files) {
            try (InputStream in = loader.getResourceAsStream(folder + file)) {
                if (in == null) {
                    throw new TriggerManifestException(folder + "kustomization.yaml lists " + file
                            + " but it is not on the classpath");
                }
                triggers.addAll(parse(in, file));
            } catch (IOException e) {
                throw new TriggerManifestException("cannot read " + folder + file + ": " + e.getMessage(), e);
            }
        }
        return forBroker(triggers, broker);
    }

    /** Trigger documents from a stream (benchmarks and tools that build their own routing). */
    public static List<TriggerSpec> parseForBench(InputStream in) throws IOException {
        return parse(in, "<stream>");
    }

    /** Every Trigger document in a (multi-document) YAML stream. */
    static List<TriggerSpec> parse(InputStream in, String file) throws IOException {
        List<TriggerSpec> out = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(in);
             MappingIterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || !"Trigger".equals(doc.path("kind").asText())
                        || !doc.path("apiVersion").asText().startsWith("eventing.knative.dev/")) {
                    continue;
                }
                Trigger trigger;
                try {
                    trigger = YAML.treeToValue(doc, Trigger.class);
                } catch (IOException e) {
                    throw new TriggerManifestException(file + ": Trigger " + doc.path("metadata").path("name").asText()
                            + " does not parse: " + e.getMessage(), e);
                }
                out.add(TriggerSpec.from(trigger));
            }
        }
        return out;
    }

    private static List<String> resources(Path dir) {
        Path kustomization = dir.resolve("kustomization.yaml");
        if (Files.exists(kustomization)) {
            try {
                return kustomizationResources(YAML.readTree(kustomization.toFile()));
            } catch (IOException e) {
                throw new TriggerManifestException("cannot read " + kustomization + ": " + e.getMessage(), e);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new TriggerManifestException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Files only: nested kustomizations (folders) and remote bases hold no Triggers of ours. */
    private static List<String> kustomizationResources(JsonNode kustomization) {
        List<String> files = new ArrayList<>();
        kustomization.path("resources").forEach(r -> {
            String name = r.asText();
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                files.add(name);
            }
        });
        return files;
    }

    private static List<TriggerSpec> forBroker(List<TriggerSpec> triggers, String broker) {
        return triggers.stream().filter(t -> t.broker().equals(broker)).toList();
    }
}
