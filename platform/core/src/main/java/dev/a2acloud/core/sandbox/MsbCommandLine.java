package dev.a2acloud.core.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command lines for microsandbox 0.6's {@code msb} (flags as printed by {@code msb run --help}, 0.6.18). Pure
 * functions. A run boots a fresh microVM from an OCI image with {@code /workspace} mounted from the host, the limits
 * as VM size ({@code -c}, {@code -m}), rlimits inside the guest, {@code --timeout} for the command and network policy
 * as microsandbox network rules: {@code --no-net} denies everything, allow-list hosts become {@code allow@host} rules
 * (plus DNS, which resolving those names needs).
 */
final class MsbCommandLine {
    static final int GUEST_UID = 1000;

    private MsbCommandLine() {
    }

    /**
     * {@code msb run} for a command. {@code name} names the VM so it can be removed after a kill;
     * {@code publishPort} > 0 forwards that loopback port of the host to the same port in the guest (agents).
     */
    static List<String> run(String msb, String name, String image, SandboxRequest request, Path workspace,
                            List<String> commandLine, boolean hostNetwork, int publishPort) {
        List<String> argv = new ArrayList<>(List.of(msb, "run", "--no-tty", "-q", "--name", name));
        if (request.cpus() > 0) {
            argv.addAll(List.of("-c", Integer.toString((int) Math.max(1, Math.ceil(request.cpus())))));
        }
        if (request.memoryMiB() > 0) {
            argv.addAll(List.of("-m", request.memoryMiB() + "M"));
        }
        if (request.pids() > 0) {
            argv.addAll(List.of("--rlimit", "nproc=" + request.pids()));
        }
        argv.addAll(List.of("--rlimit", "nofile=" + ResourceLimits.MAX_OPEN_FILES,
                "--rlimit", "fsize=" + ResourceLimits.MAX_FILE_BYTES));
        argv.addAll(List.of("--timeout", timeout(request)));
        argv.addAll(List.of("-v", workspace + ":/workspace", "-w", "/workspace",
                "-u", GUEST_UID + ":" + GUEST_UID, "-H", "sandbox"));
        argv.addAll(List.of("-e", "HOME=/workspace", "-e", "LANG=C.UTF-8"));
        for (Map.Entry<String, String> e : request.env().entrySet()) {
            argv.addAll(List.of("-e", e.getKey() + "=" + e.getValue()));
        }
        for (Path bind : request.readOnlyBinds()) {
            if (bind.startsWith("/usr") || bind.startsWith("/etc")) {
                continue; // the image brings its own /usr and /etc
            }
            // A copy into the guest's disk, not a mount: nothing the guest does can reach the host path.
            argv.addAll(List.of("--copy", bind + ":" + bind));
        }
        if (hostNetwork) {
            argv.addAll(List.of("--net", "host"));
        } else if (request.egress().mode() == EgressPolicy.Mode.NONE) {
            argv.add("--no-net");
        } else {
            argv.add("--no-net");
            argv.addAll(List.of("--net-rule", "allow@dns"));
            for (String host : request.egress().hosts()) {
                argv.addAll(List.of("--net-rule", allowRule(host)));
            }
        }
        if (publishPort > 0) {
            argv.addAll(List.of("-p", "127.0.0.1:" + publishPort + ":" + publishPort));
        }
        argv.add(image);
        argv.add("--");
        argv.addAll(commandLine);
        return argv;
    }

    /** {@code msb rm -f NAME}: stops the VM if it still runs and removes it. */
    static List<String> remove(String msb, String name) {
        return List.of(msb, "rm", "-f", "-q", name);
    }

    /** {@code host} or {@code host:port} (TCP) as a microsandbox allow rule; {@code *.domain} stays a suffix rule. */
    static String allowRule(String host) {
        int colon = host.lastIndexOf(':');
        if (colon > 0) {
            return "allow@" + host.substring(0, colon) + ":tcp:" + host.substring(colon + 1);
        }
        return "allow@" + host;
    }

    /** Whole seconds, rounded up: msb takes durations like {@code 30s}. */
    static String timeout(SandboxRequest request) {
        long millis = request.timeout().toMillis();
        return Math.max(1, (millis + 999) / 1000) + "s";
    }
}
