package dev.a2acloud.core.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BubblewrapCommandTest {
    private final SandboxRequest request = SandboxRequest.defaults()
            .withEnv(Map.of("K", "v"))
            .withReadOnlyBinds(List.of(Path.of("/opt/jdk"), Path.of("/usr/lib/jvm/x")));

    @Test
    void buildsTheIsolationProfile() {
        List<String> argv = BubblewrapCommand.build("/usr/bin/bwrap", request, Path.of("/w"), List.of("echo", "hi"), false);
        String line = String.join(" ", argv);
        assertTrue(line.startsWith("/usr/bin/bwrap --tmpfs / --ro-bind /usr /usr"), line);
        for (String flag : List.of("--ro-bind /etc /etc", "--unshare-all", "--die-with-parent", "--new-session",
                "--bind /w /workspace", "--chdir /workspace", "--clearenv", "--cap-drop ALL", "--uid 1000",
                "--gid 1000", "--setenv K v", "--ro-bind /opt/jdk /opt/jdk", "-- echo hi")) {
            assertTrue(line.contains(flag), flag + " in " + line);
        }
        assertFalse(line.contains("--share-net"));
        assertFalse(line.contains("/usr/lib/jvm/x /usr/lib/jvm/x"), "paths under /usr are visible already");
        assertEquals(1, Collections.frequency(argv, "--bind"), "the workspace is the only writable host mount");
    }

    @Test
    void sharesTheHostNetworkOnlyWhenAsked() {
        List<String> argv = BubblewrapCommand.build("bwrap", request, Path.of("/w"), List.of("x"), true);
        assertTrue(argv.indexOf("--share-net") > argv.indexOf("--unshare-all"));
    }

    @Test
    void wrapperJoinsCgroupsBeforeRlimitsAndCommand() {
        List<String> argv = ResourceLimits.wrap(List.of(Path.of("/cg/memory/x/cgroup.procs")), "/usr/bin/prlimit",
                SandboxRequest.defaults().withMemoryMiB(64).withPids(10), true, true, List.of("bwrap", "true"));
        assertEquals(List.of("/bin/sh", "-c", ResourceLimits.JOIN_CGROUPS, "a2a-sandbox", "/cg/memory/x/cgroup.procs",
                "--", "/usr/bin/prlimit", "--nofile=4096", "--fsize=" + ResourceLimits.MAX_FILE_BYTES, "--core=0", "--",
                "bwrap", "true"), argv);
        List<String> noCgroups = ResourceLimits.wrap(List.of(), "/usr/bin/prlimit",
                SandboxRequest.defaults().withMemoryMiB(64).withPids(10), false, false, List.of("bwrap"));
        assertTrue(noCgroups.contains("--data=" + 64L * 1024 * 1024) && noCgroups.contains("--nproc=10"), noCgroups.toString());
    }
}
