package dev.a2acloud.e2e;

import dev.a2acloud.cli.up.EmbeddedPlatform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A fresh embedded platform for one test class: port 0, its own A2A_HOME, the offline model, its console kept so a
 * failing test can show what the platform said. {@link #close()} stops it and every agent process it started.
 */
final class FreshPlatform implements AutoCloseable {
    private final EmbeddedPlatform platform;
    private final PlatformCalls calls;
    private final ByteArrayOutputStream console;

    private FreshPlatform(EmbeddedPlatform platform, PlatformCalls calls, ByteArrayOutputStream console) {
        this.platform = platform;
        this.calls = calls;
        this.console = console;
    }

    static FreshPlatform start(Path home) throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        EmbeddedPlatform platform = EmbeddedPlatform.start(new EmbeddedPlatform.Settings(home, 0, Map.of()),
                new PrintStream(console, true));
        return new FreshPlatform(platform,
                new PlatformCalls(platform.url(), Files.readString(platform.tokenFile()).strip()), console);
    }

    EmbeddedPlatform platform() {
        return platform;
    }

    /** HTTP calls as the platform's local user. */
    PlatformCalls calls() {
        return calls;
    }

    String console() {
        return console.toString();
    }

    @Override
    public void close() {
        platform.close();
    }
}
