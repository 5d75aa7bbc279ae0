package dev.a2acloud.local.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.a2acloud.core.serving.ServingException;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What serving must remember across a platform restart: per service its revision counter, which revision serves,
 * and the manifest of each revision ({@code serving/services/<name>/}).
 */
final class ServingStateStore {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final KubernetesSerialization KUBE = new KubernetesSerialization();

    record ServiceRecord(String name, long createdMillis, int counter, String latestCreated, String latestReady) {
    }

    private final Path dir;

    ServingStateStore(Path servingDir) {
        this.dir = servingDir.resolve("services");
    }

    void saveRevision(String service, String revision, Service manifest) {
        write(dir.resolve(service).resolve("revisions").resolve(revision + ".yaml"), KUBE.asYaml(manifest));
    }

    void saveService(ServiceRecord record) {
        try {
            write(dir.resolve(record.name()).resolve("service.json"), JSON.writeValueAsString(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<ServiceRecord> services() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<ServiceRecord> records = new ArrayList<>();
        try (Stream<Path> names = Files.list(dir)) {
            for (Path serviceDir : names.sorted().toList()) {
                Path file = serviceDir.resolve("service.json");
                if (Files.isRegularFile(file)) {
                    records.add(JSON.readValue(file.toFile(), ServiceRecord.class));
                }
            }
        } catch (IOException e) {
            throw new ServingException("cannot read serving state under " + dir + ": " + e.getMessage()
                    + "; fix or remove the damaged service folder", false, e);
        }
        return records;
    }

    Optional<Service> revision(String service, String revision) {
        Path file = dir.resolve(service).resolve("revisions").resolve(revision + ".yaml");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(KUBE.unmarshal(Files.readString(file), Service.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(String service) {
        Path serviceDir = dir.resolve(service);
        if (!Files.exists(serviceDir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(serviceDir)) {
            for (Path path : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
