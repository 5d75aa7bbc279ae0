package dev.a2acloud.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the real command tree with a fixed clock and a given environment, capturing what it prints. */
final class CliRunner {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    record Result(int exit, String out, String err) {
    }

    final Map<String, String> env = new HashMap<>();
    final List<URI> startRequests = new ArrayList<>();

    CliRunner() {
        env.put("A2A_HOME", System.getProperty("java.io.tmpdir") + "/a2a-cli-test-home-" + ProcessHandle.current().pid());
    }

    CliRunner platform(URI url) {
        env.put("A2A_PLATFORM_URL", url.toString());
        return this;
    }

    Result run(String... args) {
        A2a root = new A2a(env, Clock.fixed(NOW, ZoneOffset.UTC), false, (url, progress) -> startRequests.add(url));
        CommandLine cli = A2a.commandLine(root);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
