package dev.a2acloud.core.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The wrapper in front of the isolated command: join the run's cgroups (before anything of the command runs, so even
 * its first fork is counted), then apply rlimits with {@code prlimit}, then exec the command. Pure function.
 */
final class ResourceLimits {
    /** Writes its own pid into each argument up to {@code --}, then execs the rest. */
    static final String JOIN_CGROUPS = "for f do case \"$f\" in --) break;; esac; echo $$ > \"$f\" || exit 125; "
            + "shift; done; shift; exec \"$@\"";
    static final long MAX_FILE_BYTES = 2L << 30;
    static final int MAX_OPEN_FILES = 4096;

    private ResourceLimits() {
    }

    /**
     * @param procsFiles cgroup.procs files to join (empty when cgroups are not usable)
     * @param prlimit    the prlimit binary, or null when absent
     * @param memoryByCgroup whether a memory cgroup enforces the memory limit (else RLIMIT_DATA approximates it)
     */
    static List<String> wrap(List<Path> procsFiles, String prlimit, SandboxRequest request, boolean memoryByCgroup,
                             boolean pidsByCgroup, List<String> command) {
        List<String> argv = new ArrayList<>();
        if (!procsFiles.isEmpty()) {
            argv.addAll(List.of("/bin/sh", "-c", JOIN_CGROUPS, "a2a-sandbox"));
            procsFiles.forEach(p -> argv.add(p.toString()));
            argv.add("--");
        }
        if (prlimit != null) {
            argv.add(prlimit);
            argv.add("--nofile=" + MAX_OPEN_FILES);
            argv.add("--fsize=" + MAX_FILE_BYTES);
            argv.add("--core=0");
            if (request.memoryMiB() > 0 && !memoryByCgroup) {
                // Without a memory cgroup, cap the data segment (heap and private writable mappings): unlike an
                // address-space cap it does not break runtimes that reserve large virtual ranges (the JVM).
                argv.add("--data=" + request.memoryMiB() * 1024L * 1024L);
            }
            if (request.pids() > 0 && !pidsByCgroup) {
                // RLIMIT_NPROC counts all processes of the uid; a fallback where no pids cgroup exists.
                argv.add("--nproc=" + request.pids());
            }
            if (request.cpus() > 0 && !pidsByCgroup) {
                // No CPU cgroup: at least cap the CPU seconds to the wall-clock budget times the CPUs allowed.
                long seconds = Math.max(1, (long) Math.ceil(request.timeout().toMillis() / 1000.0 * request.cpus()));
                argv.add("--cpu=" + seconds);
            }
            argv.add("--");
        }
        argv.addAll(command);
        return argv;
    }
}
