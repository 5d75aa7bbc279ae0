package dev.a2acloud.core.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to run: an image hint (used by microsandbox; the local backend runs the host's {@code /usr}), CPU, memory and
 * process limits (0 = no limit), a wall-clock timeout, the environment (nothing of the caller's leaks in), the egress
 * policy, the host directory mounted as {@code /workspace} (null = a fresh empty one) and extra read-only binds, each
 * mounted at its own path (the JDK and the pack classpath when running agents).
 */
public record SandboxRequest(String image, double cpus, int memoryMiB, int pids, Duration timeout,
                             Map<String, String> env, EgressPolicy egress, Path workspace, List<Path> readOnlyBinds,
                             int outputLimitBytes) {

    public static final int DEFAULT_OUTPUT_LIMIT = 1 << 20;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public SandboxRequest {
        env = env == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(env));
        readOnlyBinds = readOnlyBinds == null ? List.of() : List.copyOf(readOnlyBinds);
        egress = egress == null ? EgressPolicy.none() : egress;
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        if (Double.isNaN(cpus) || cpus < 0 || cpus > 64) {
            throw SandboxException.badRequest("cpus must be between 0 (no limit) and 64, was " + cpus);
        }
        if (memoryMiB != 0 && (memoryMiB < 16 || memoryMiB > 65536)) {
            throw SandboxException.badRequest("memoryMiB must be 0 (no limit) or 16..65536, was " + memoryMiB);
        }
        if (pids != 0 && (pids < 4 || pids > 100_000)) {
            throw SandboxException.badRequest("pids must be 0 (no limit) or 4..100000, was " + pids);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw SandboxException.badRequest("timeout must be between 1 ms and 1 h, was " + timeout);
        }
        if (outputLimitBytes < 1024 || outputLimitBytes > (64 << 20)) {
            throw SandboxException.badRequest("outputLimitBytes must be 1024..67108864, was " + outputLimitBytes);
        }
        env.forEach((k, v) -> {
            if (!ENV_NAME.matcher(k).matches()) {
                throw SandboxException.badRequest("environment name '" + k + "' is not [A-Za-z_][A-Za-z0-9_]*");
            }
            if (v.indexOf('\0') >= 0) {
                throw SandboxException.badRequest("environment value of " + k + " contains a NUL byte");
            }
        });
        if (workspace != null && !workspace.isAbsolute()) {
            workspace = workspace.toAbsolutePath();
        }
        for (Path bind : readOnlyBinds) {
            String s = bind.toString();
            if (!bind.isAbsolute() || !bind.normalize().equals(bind) || s.equals("/")
                    || bind.startsWith("/workspace") || bind.startsWith("/proc") || bind.startsWith("/dev")) {
                throw SandboxException.badRequest("read-only bind '" + s
                        + "' must be an absolute, normalised path other than /, /workspace, /proc and /dev");
            }
        }
    }

    /** 1 CPU, 512 MiB, 256 processes, 60 s, no network, a fresh empty workspace. */
    public static SandboxRequest defaults() {
        return new SandboxRequest(null, 1.0, 512, 256, Duration.ofSeconds(60), Map.of(), EgressPolicy.none(), null,
                List.of(), DEFAULT_OUTPUT_LIMIT);
    }

    public SandboxRequest withImage(String v) {
        return new SandboxRequest(v, cpus, memoryMiB, pids, timeout, env, egress, workspace, readOnlyBinds, outputLimitBytes);
    }

    public SandboxRequest withCpus(double v) {
        return new SandboxRequest(image, v, memoryMiB, pids, timeout, env, egress, workspace, readOnlyBinds, outputLimitBytes);
    }

    public SandboxRequest withMemoryMiB(int v) {
        return new SandboxRequest(image, cpus, v, pids, timeout, env, egress, workspace, readOnlyBinds, outputLimitBytes);
    }

    public SandboxRequest withPids(int v) {
        return new SandboxRequest(image, cpus, memoryMiB, v, timeout, env, egress, workspace, readOnlyBinds, outputLimitBytes);
    }

    public SandboxRequest withTimeout(Duration v) {
        return new SandboxRequest(image, cpus, memoryMiB, pids, v, env, egress, workspace, readOnlyBinds, outputLimitBytes);
    }

    public SandboxRequest withEnv(Map<String, String> v) {
        return new SandboxRequest(image, cpus, memoryMiB, pids, timeout, v, egress, workspace, readOnlyBinds, outputLimitBytes);
    }

    public SandboxRequest withEgress(EgressPolicy v) {
        return new SandboxRequest(image, cpus, memoryMiB, pids, timeout, env, v, workspace, readOnlyBinds, outputLimitBytes);
    }

    public SandboxRequest withWorkspace(Path v) {
        return new SandboxRequest(image, cpus, memoryMiB, pids, timeout, env, egress, v, readOnlyBinds, outputLimitBytes);
    }

    public SandboxRequest withReadOnlyBinds(List<Path> v) {
        return new SandboxRequest(image, cpus, memoryMiB, pids, timeout, env, egress, workspace, v, outputLimitBytes);
    }

    public SandboxRequest withOutputLimitBytes(int v) {
        return new SandboxRequest(image, cpus, memoryMiB, pids, timeout, env, egress, workspace, readOnlyBinds, v);
    }
}
