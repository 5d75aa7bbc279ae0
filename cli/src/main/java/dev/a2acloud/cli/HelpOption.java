package dev.a2acloud.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} alone, for subcommands whose own {@code --version} option means the agent's version. */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
