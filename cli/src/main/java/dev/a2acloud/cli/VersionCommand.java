package dev.a2acloud.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

@Command(name = "version",
        description = "Print the versions of a2a, the Java runtime and the A2A protocol it speaks.")
final class VersionCommand implements Runnable {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        for (String line : new Provider().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
    }

    static String cliVersion() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("/dev/a2acloud/cli/version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            }
        } catch (IOException ignored) {
            // fall through: the version is informational
        }
        return "unknown";
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{
                    "a2a " + cliVersion(),
                    "java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")",
                    "A2A protocol 1.0 (0.3 compatible)"};
        }
    }
}
