package dev.a2acloud.cli.up;

import dev.a2acloud.cli.A2a;
import dev.a2acloud.cli.CliException;
import dev.a2acloud.cli.HelpOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "up", description = {
        "Run the whole platform here, in the foreground, on one port: control plane, broker, the six build steps,",
        "git server, serving, model gateway. State lives in $A2A_HOME (default ~/.a2a). Ctrl-C stops everything,",
        "agent processes included; deployed agents come back (scaled to zero) at the next start."})
public final class UpCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    HelpOption help;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port on 127.0.0.1 (default: $A2A_PORT, else 8080; 0 picks a free one).")
    Integer port;

    @Override
    public Integer call() {
        A2a root = A2a.of(spec);
        int chosen = port != null ? port : parsePort(root.env().getOrDefault("A2A_PORT", "8080"));
        if (chosen < 0 || chosen > 65535) {
            throw new CliException("--port must be 0..65535, not " + chosen);
        }
        Path home = root.home().dir();
        System.out.println("Starting A2A Cloud (state in " + home + ") …");
        long started = System.nanoTime();
        EmbeddedPlatform platform;
        try {
            Files.createDirectories(home);
            platform = EmbeddedPlatform.start(new EmbeddedPlatform.Settings(home, chosen, java.util.Map.of()), System.out);
        } catch (java.io.IOException e) {
            throw new CliException("cannot create " + home + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CliException("the platform could not start: " + rootCause(e)
                    + (chosen != 0 ? " (is port " + chosen + " taken? try --port)" : ""), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping A2A Cloud: agents, build steps, servers …");
            platform.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "a2a-stop"));
        System.out.println("A2A Cloud is up at " + platform.url() + " (" + (System.nanoTime() - started) / 1_000_000
                + " ms)");
        System.out.println("  " + (platform.userCreated() ? "created the local user " : "local user ")
                + platform.userId() + "; the CLI's token is in " + platform.tokenFile());
        System.out.println("  build an agent:  ./a2a build echo \"Echo back what I say\"");
        platform.agentBuilderUrl().ifPresent(builder -> System.out.println("  or over A2A:     " + builder
                + " (skill build; send your token as Authorization: Bearer)"));
        System.out.println("  Ctrl-C stops everything.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new CliException("A2A_PORT must be a port number, not '" + value + "'");
        }
    }

    static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
