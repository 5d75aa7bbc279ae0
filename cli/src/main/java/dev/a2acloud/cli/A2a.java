package dev.a2acloud.cli;

import dev.a2acloud.cli.up.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * The {@code a2a} command. Holds what every subcommand needs from the outside world (environment, clock, whether
 * stdout is a terminal) so tests can run any command with fakes and capture its output.
 */
@Command(name = "a2a", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Describe an agent, get a live URL. Runs the embedded platform or talks to a cluster.",
        subcommands = {
                BuildCommand.class, DeployCommand.class, InitCommand.class, CardCommand.class, ServeCommand.class,
                ServicesCommand.class, ServiceCommand.class, AgentsCommand.class, BuildsCommand.class,
                LogsCommand.class, SendCommand.class, CallCommand.class, DeleteCommand.class, SandboxCommand.class,
                UpCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class A2a implements Runnable {
    private final Map<String, String> env;
    private final Clock clock;
    private final boolean terminal;
    private final PlatformStarter starter;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public A2a(Map<String, String> env, Clock clock, boolean terminal, PlatformStarter starter) {
        this.env = env;
        this.clock = clock;
        this.terminal = terminal;
        this.starter = starter;
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        A2a root = new A2a(env, Clock.systemUTC(), Terminal.isInteractive(env), new BackgroundPlatform(env));
        System.exit(commandLine(root).execute(args));
    }

    /** The configured picocli instance: our error messages, exit codes 2 for bad input and 1 for failures. */
    public static CommandLine commandLine(A2a root) {
        CommandLine cli = new CommandLine(root);
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (exception instanceof CliException cliException) {
                err.println("a2a: " + cliException.getMessage());
                err.flush();
                return cliException.exitCode();
            }
            err.println("a2a: unexpected failure: " + exception);
            exception.printStackTrace(err);
            err.flush();
            return 1;
        });
        cli.setParameterExceptionHandler((exception, args) -> {
            CommandLine failed = exception.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println("a2a: " + exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
            err.println("See '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return 2;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public Map<String, String> env() {
        return env;
    }

    public Clock clock() {
        return clock;
    }

    public boolean terminal() {
        return terminal;
    }

    public A2aHome home() {
        return A2aHome.from(env);
    }

    PlatformStarter starter() {
        return starter;
    }

    /** The root of the command tree {@code spec} belongs to. */
    public static A2a of(CommandLine.Model.CommandSpec spec) {
        return (A2a) spec.root().userObject();
    }
}
