package dev.a2acloud.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where the embedded platform keeps its state ({@code A2A_HOME}, default {@code ~/.a2a}) and the local token. */
public record A2aHome(Path dir) {

    public static A2aHome from(Map<String, String> env) {
        String configured = env.get("A2A_HOME");
        if (configured != null && !configured.isBlank()) {
            return new A2aHome(Path.of(configured).toAbsolutePath());
        }
        return new A2aHome(Path.of(System.getProperty("user.home"), ".a2a"));
    }

    public Path tokenFile() {
        return dir.resolve("token");
    }

    public Path platformLog() {
        return dir.resolve("platform.log");
    }

    /** The local user's token, written by {@code a2a up} on first start. */
    public Optional<String> readToken() {
        Path file = tokenFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(file).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            throw new CliException("cannot read the local token at " + file + ": " + e.getMessage()
                    + "; check its permissions or delete it and run `a2a up` again", e);
        }
    }
}
