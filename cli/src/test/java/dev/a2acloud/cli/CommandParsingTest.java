package dev.a2acloud.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandParsingTest {
    private final CliRunner cli = new CliRunner();

    @Test
    void rootHelpListsEveryCommand() {
        CliRunner.Result result = cli.run("--help");
        assertEquals(0, result.exit());
        for (String command : new String[]{"build", "deploy", "init", "card", "serve", "services", "service", "agents",
                "builds", "logs", "send", "call", "delete", "sandbox", "version"}) {
            assertTrue(result.out().contains("\n  " + command + " "), command + " missing from:\n" + result.out());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"build", "deploy", "init", "card", "serve", "services", "agents", "builds", "logs", "send",
            "call", "delete", "version"})
    void everyCommandHasHelp(String command) {
        CliRunner.Result result = cli.run(command, "--help");
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().startsWith("Usage: a2a " + command), result.out());
    }

    @Test
    void nestedCommandsHaveHelp() {
        assertTrue(cli.run("service", "describe", "--help").out().startsWith("Usage: a2a service describe"));
        assertTrue(cli.run("sandbox", "run", "--help").out().startsWith("Usage: a2a sandbox run"));
    }

    @Test
    void unknownFlagIsAClearErrorWithExitTwo() {
        CliRunner.Result result = cli.run("services", "--bogus");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("Unknown option: '--bogus'"), result.err());
        assertTrue(result.err().contains("See 'a2a services --help'."), result.err());
    }

    @Test
    void unknownCommandSuggestsTheClosestOne() {
        CliRunner.Result result = cli.run("servces");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("servces"), result.err());
        assertTrue(result.err().contains("services"), result.err());
    }

    @Test
    void badValueIsAClearErrorWithExitTwo() {
        CliRunner.Result result = cli.run("send", "echo", "hi", "--timeout", "soon");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("'soon' is not an int"), result.err());
    }

    @Test
    void missingArgumentsAreNamed() {
        CliRunner.Result result = cli.run("build", "echo");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("PROMPT"), result.err());
    }

    @Test
    void badAgentNameIsRefusedBeforeAnyRequest() {
        CliRunner.Result result = cli.run("build", "Bad_Name", "an agent");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("invalid agent name 'Bad_Name'"), result.err());
        assertTrue(cli.startRequests.isEmpty());
    }

    @Test
    void badVersionAndPlatformUrlAreRefused() {
        assertEquals(2, cli.run("build", "echo", "x", "--version", "one").exit());
        CliRunner.Result result = cli.run("agents", "--platform", "ftp://x");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("--platform must be an http(s) URL"), result.err());
    }

    @Test
    void remoteWithoutTokenIsRefused() {
        CliRunner.Result result = cli.run("agents", "--platform", "https://a2a.example.com");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("no token for https://a2a.example.com"), result.err());
    }

    @Test
    void versionPrintsTheCliAndJavaVersions() {
        CliRunner.Result result = cli.run("version");
        assertEquals(0, result.exit());
        assertTrue(result.out().startsWith("a2a "), result.out());
        assertTrue(result.out().contains("java " + Runtime.version()), result.out());
    }

    @Test
    void cardAndServeRefuseADirectoryWithoutA2aYaml() {
        CliRunner.Result result = cli.run("card", System.getProperty("java.io.tmpdir"));
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("has no a2a.yaml"), result.err());
        assertEquals(2, cli.run("serve", "/definitely/not/here").exit());
    }

    @Test
    void sandboxRunNeedsACommandAndSaneLimits() {
        assertEquals(2, cli.run("sandbox", "run").exit());
        CliRunner.Result result = cli.run("sandbox", "run", "--timeout", "0", "--", "true");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("--timeout must be 1..3600"), result.err());
    }
}
