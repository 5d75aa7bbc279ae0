package dev.a2acloud.core.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * microsandbox needs KVM with CPU virtualisation, which these machines lack (nested virtualisation: every boot ends in
 * KVM_EXIT_INTERNAL_ERROR). So this tests the backend against a RECORDED CONTRACT of msb 0.6.18 instead of a VM:
 * the flags we emit must be ones {@code msb run --help} documents (help text recorded under
 * {@code src/test/resources/microsandbox-0.6.18/}), and the outputs we parse are msb's recorded behaviour — exit
 * code and stdout/stderr passed through, and the recorded boot failure on a host without virtualisation. A fake
 * {@code msb} script plays that recorded behaviour (running the command on the host in the mounted workspace).
 */
class MicrosandboxContractTest {
    private static final Pattern FLAG = Pattern.compile("(?m)^\\s+(?:(-[a-zA-Z]), )?(--[a-z0-9-]+)");

    @TempDir
    Path workspace;

    private static String resource(String name) throws IOException {
        try (InputStream in = MicrosandboxContractTest.class.getResourceAsStream("/microsandbox-0.6.18/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> documentedFlags(String help) {
        Set<String> flags = new HashSet<>();
        Matcher m = FLAG.matcher(help);
        while (m.find()) {
            if (m.group(1) != null) {
                flags.add(m.group(1));
            }
            flags.add(m.group(2));
        }
        return flags;
    }

    @Test
    void everyFlagWeEmitIsDocumentedByMsb06RunHelp() throws IOException {
        assertTrue(resource("version.txt").startsWith("msb 0.6"));
        Set<String> documented = documentedFlags(resource("run-help.txt"));
        SandboxRequest request = SandboxRequest.defaults().withCpus(1.5).withMemoryMiB(768).withPids(64)
                .withTimeout(Duration.ofMillis(2500)).withEnv(Map.of("K", "v"))
                .withEgress(EgressPolicy.allow(List.of("api.github.com", "pypi.org:443")))
                .withReadOnlyBinds(List.of(Path.of("/opt/pack")));
        List<String> argv = MsbCommandLine.run("msb", "a2a-x", "python:3.12-slim", request, Path.of("/w"),
                List.of("python3", "-c", "print(1)"), false, 8080);
        List<String> flags = argv.subList(0, argv.indexOf("--")).stream().filter(a -> a.startsWith("-")).toList();
        for (String flag : flags) {
            assertTrue(documented.contains(flag), flag + " is not a flag of msb 0.6 run");
        }
        String line = String.join(" ", argv);
        for (String expected : List.of("msb run --no-tty -q --name a2a-x", "-c 2", "-m 768M", "--rlimit nproc=64",
                "--timeout 3s", "-v /w:/workspace", "-w /workspace", "-u 1000:1000", "-e K=v",
                "--copy /opt/pack:/opt/pack", "--no-net --net-rule allow@dns --net-rule allow@api.github.com "
                        + "--net-rule allow@pypi.org:tcp:443", "-p 127.0.0.1:8080:8080",
                "python:3.12-slim -- python3 -c print(1)")) {
            assertTrue(line.contains(expected), expected + " in " + line);
        }
        List<String> none = MsbCommandLine.run("msb", "n", "img", SandboxRequest.defaults(), Path.of("/w"),
                List.of("true"), false, 0);
        assertTrue(none.contains("--no-net") && !none.contains("--net-rule") && !none.contains("-p"));
        assertTrue(documentedFlags(resource("rm-help.txt")).containsAll(Set.of("-f", "-q")));
    }

    /** A stand-in msb that behaves as recorded: runs the command in the mounted folder, passes output and exit code. */
    private Path fakeMsb(Path dir) throws IOException {
        String noKvm = resource("run-no-kvm.txt").replace("exit=1", "").strip();
        Path script = dir.resolve("msb");
        Files.writeString(script, String.join("\n",
                "#!/bin/sh",
                "echo \"$*\" >> " + dir.resolve("calls.log"),
                "[ \"$1\" = rm ] && exit 0",
                "ws=; image=",
                "while [ $# -gt 0 ]; do",
                "  case \"$1\" in",
                "    --) shift; break;;",
                "    -v) ws=${2%%:/workspace}; shift 2;;",
                "    --no-tty|-q|--no-net) shift;;",
                "    run) shift;;",
                "    -*) shift 2;;",
                "    *) image=$1; shift;;",
                "  esac",
                "done",
                "if [ \"$image\" = needs-kvm ]; then cat >&2 <<'EOF'",
                noKvm,
                "EOF",
                "exit 1; fi",
                "cd \"$ws\" && exec \"$@\"", ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void passesOutputExitCodeAndWorkspaceChangesThrough(@TempDir Path bin) throws IOException {
        Sandbox msb = new MicrosandboxSandbox(fakeMsb(bin).toString(), "python:3.12-slim");
        SandboxResult r = msb.runShell(SandboxRequest.defaults().withWorkspace(workspace),
                "echo out; echo err >&2; echo data > result.txt; exit 3");
        assertEquals(3, r.exitCode());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertEquals(List.of("result.txt"), r.changedFiles());
        String calls = Files.readString(bin.resolve("calls.log"));
        assertTrue(calls.contains("run --no-tty -q --name a2a-"), calls);
        assertTrue(calls.lines().anyMatch(l -> l.startsWith("rm -f -q a2a-")), "the named VM is removed: " + calls);
    }

    @Test
    void aHostWithoutVirtualisationIsReportedAsUnavailable(@TempDir Path bin) throws IOException {
        Sandbox msb = new MicrosandboxSandbox(fakeMsb(bin).toString(), "needs-kvm");
        SandboxException e = assertThrows(SandboxException.class,
                () -> msb.exec(SandboxRequest.defaults().withWorkspace(workspace), "true", List.of()));
        assertEquals(SandboxException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("msb doctor") && e.getMessage().contains("failed to start"), e.getMessage());
    }

    @Test
    void allowListsAreAcceptedBecauseMicrosandboxEnforcesThem(@TempDir Path bin) throws IOException {
        Sandbox msb = new MicrosandboxSandbox(fakeMsb(bin).toString(), "img");
        SandboxResult r = msb.exec(SandboxRequest.defaults().withWorkspace(workspace)
                .withEgress(EgressPolicy.allow(List.of("api.github.com"))), "true", List.of());
        assertEquals(0, r.exitCode());
        assertTrue(Files.readString(bin.resolve("calls.log")).contains("--net-rule allow@api.github.com"));
    }
}
