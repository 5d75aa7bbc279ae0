package dev.a2acloud.e2e;

import dev.a2acloud.cli.up.EmbeddedPlatform;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fresh embedded platform for one test class ({@code @RegisterExtension static final FreshPlatform fresh}): port 0,
 * its own temporary A2A_HOME, the offline model, its console kept so a failing test can show what the platform said.
 * After the class it is stopped with every agent process it started, and its home is removed.
 */
final class FreshPlatform implements BeforeAllCallback, AfterAllCallback {
    private Path home;
    private EmbeddedPlatform platform;
    private PlatformCalls calls;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        home = Files.createTempDirectory("a2a-e2e-");
        platform = EmbeddedPlatform.start(new EmbeddedPlatform.Settings(home, 0, Map.of()),
                new PrintStream(console, true));
        calls = new PlatformCalls(platform.url(), Files.readString(platform.tokenFile()).strip());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (platform != null) {
            platform.close();
        }
        if (home != null) {
            try (Stream<Path> paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    EmbeddedPlatform platform() {
        return platform;
    }

    /** The platform's A2A_HOME. */
    Path home() {
        return home;
    }

    /** HTTP calls as the platform's local user. */
    PlatformCalls calls() {
        return calls;
    }

    String console() {
        return console.toString();
    }
}
