package dev.a2acloud.cli;

import dev.a2acloud.core.sandbox.EgressPolicy;
import dev.a2acloud.core.sandbox.Sandbox;
import dev.a2acloud.core.sandbox.SandboxException;
import dev.a2acloud.core.sandbox.SandboxRequest;
import dev.a2acloud.core.sandbox.SandboxResult;
import dev.a2acloud.core.sandbox.Sandboxes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

@Command(name = "sandbox", description = "Operators' access to this machine's sandbox (the one generated code runs in).",
        subcommands = {SandboxCommand.Run.class})
final class SandboxCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    HelpOption help;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: try 'a2a sandbox run -- echo hi'");
    }

    @Command(name = "run", description = {
            "Run a command in the sandbox: no network unless --allow-host, only /workspace writable, memory, process",
            "and time limits. Prints its output and exits with its exit code (124 when the time limit killed it).",
            "Example: a2a sandbox run --memory 256 --timeout 10 -- python3 -c 'print(42)'"})
    static final class Run implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        HelpOption help;

        @Option(names = "--memory", paramLabel = "MiB", defaultValue = "512",
                description = "Memory limit in MiB (default: ${DEFAULT-VALUE}).")
        int memoryMiB;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
                description = "Wall-clock limit; the command is killed after it (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Option(names = "--cpus", paramLabel = "N", defaultValue = "1", description = "CPU limit (default: ${DEFAULT-VALUE}).")
        double cpus;

        @Option(names = "--allow-host", paramLabel = "HOST",
                description = "A host the command may reach (repeatable); without it, no network at all.")
        List<String> allowHosts = new ArrayList<>();

        @Option(names = "--workspace", paramLabel = "DIR",
                description = "A directory mounted as /workspace (default: a fresh empty one).")
        Path workspace;

        @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The command and its arguments, after --.")
        List<String> command;

        private final Function<Map<String, String>, Sandbox> sandboxes;

        Run() {
            this(Sandboxes::local);
        }

        Run(Function<Map<String, String>, Sandbox> sandboxes) {
            this.sandboxes = sandboxes;
        }

        @Override
        public Integer call() {
            if (timeoutSeconds <= 0 || timeoutSeconds > 3600) {
                throw CliException.badInput("--timeout must be 1..3600 seconds, not " + timeoutSeconds);
            }
            if (workspace != null && !Files.isDirectory(workspace)) {
                throw CliException.badInput("--workspace " + workspace + " is not a directory");
            }
            A2a root = A2a.of(spec);
            SandboxResult result;
            try {
                SandboxRequest request = SandboxRequest.defaults().withMemoryMiB(memoryMiB).withCpus(cpus)
                        .withTimeout(Duration.ofSeconds(timeoutSeconds))
                        .withEgress(allowHosts.isEmpty() ? EgressPolicy.none() : EgressPolicy.allow(allowHosts))
                        .withWorkspace(workspace == null ? null : workspace.toAbsolutePath().normalize());
                result = sandboxes.apply(root.env()).exec(request, command.get(0), command.subList(1, command.size()));
            } catch (SandboxException e) {
                throw e.kind() == SandboxException.Kind.BAD_REQUEST ? CliException.badInput(e.getMessage())
                        : new CliException(e.getMessage(), e);
            }
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            out.print(result.stdout());
            out.flush();
            err.print(result.stderr());
            if (result.killed() != null) {
                err.println("a2a: the sandbox stopped the command: " + result.killed() + " after "
                        + Ages.millis(result.duration().toMillis()));
            }
            err.flush();
            if (result.killed() != null) {
                return result.killed().name().contains("TIME") ? 124 : 137;
            }
            return result.exitCode();
        }
    }
}
