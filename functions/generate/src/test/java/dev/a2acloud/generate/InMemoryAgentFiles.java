package dev.a2acloud.generate;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A workspace in memory that enforces a grant's write prefix like the real server does (a write outside it is a
 * refusal), so a tool that let a bad path through would fail the test rather than pass silently.
 */
final class InMemoryAgentFiles implements AgentFiles {
    final ConcurrentSkipListMap<String, byte[]> files = new ConcurrentSkipListMap<>();
    private final String grantPrefix;

    InMemoryAgentFiles(String grantPrefix) {
        this.grantPrefix = grantPrefix;
    }

    @Override
    public Optional<byte[]> read(String path) {
        check(path);
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public void write(String path, byte[] data) {
        check(path);
        files.put(path, data.clone());
    }

    @Override
    public List<String> list(String prefix) {
        check(prefix);
        return files.keySet().stream().filter(p -> p.startsWith(prefix)).toList();
    }

    @Override
    public void delete(String path) {
        check(path);
        files.remove(path);
    }

    String text(String path) {
        byte[] bytes = files.get(path);
        return bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void check(String path) {
        if (!path.startsWith(grantPrefix) || path.contains("..")) {
            throw new AssertionError("the builder reached outside its grant: " + path);
        }
    }
}
