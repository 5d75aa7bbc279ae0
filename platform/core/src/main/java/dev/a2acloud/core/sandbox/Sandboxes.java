package dev.a2acloud.core.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Picks the local sandbox backend this host can run, or refuses with what to install. */
public final class Sandboxes {
    static final String INSTALL_HINT = "no sandbox is available on this host: install bubblewrap "
            + "(Debian/Ubuntu: sudo apt-get install -y bubblewrap; Fedora: sudo dnf install bubblewrap) so generated "
            + "code never runs loose. For development only, A2A_SANDBOX_UNISOLATED=1 runs it unisolated.";

    private Sandboxes() {
    }

    /**
     * The backend named by {@code A2A_SANDBOX_BACKEND}: {@code local} (default; bubblewrap, see {@link #local(Map)}),
     * {@code microsandbox} ({@code A2A_MSB}, {@code A2A_SANDBOX_IMAGE}) or {@code remote} (a sandbox-runner at
     * {@code A2A_SANDBOX_RUNNER_URL}, authenticated with {@code A2A_SERVICE_TOKEN}).
     */
    public static Sandbox fromEnvironment(Map<String, String> env) {
        String backend = env.getOrDefault("A2A_SANDBOX_BACKEND", "local");
        return switch (backend) {
            case "local" -> local(env);
            case "microsandbox" -> MicrosandboxSandbox.fromEnvironment(env);
            case "remote" -> {
                String url = required(env, "A2A_SANDBOX_RUNNER_URL");
                String token = required(env, "A2A_SERVICE_TOKEN");
                yield new dev.a2acloud.core.sandbox.remote.RemoteSandbox(
                        java.net.URI.create(url.replaceAll("/+$", "") + "/v1/run"), () -> token,
                        java.net.http.HttpClient.newHttpClient());
            }
            default -> throw SandboxException.badRequest("A2A_SANDBOX_BACKEND '" + backend
                    + "' is unknown; use local, microsandbox or remote");
        };
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw SandboxException.badRequest(name + " must be set for A2A_SANDBOX_BACKEND="
                    + env.get("A2A_SANDBOX_BACKEND"));
        }
        return value;
    }

    /** The local backend for this machine, configured from the process environment. */
    public static Sandbox local() {
        return local(System.getenv());
    }

    /**
     * bubblewrap when {@code bwrap} is on the PATH (or at {@code A2A_BWRAP}) and works; else the unisolated runner
     * when {@code A2A_SANDBOX_UNISOLATED=1}; else a refusal naming how to install bubblewrap.
     */
    public static Sandbox local(Map<String, String> env) {
        Cgroups cgroups = Cgroups.detect(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/cgroup"));
        String prlimit = find(env, "prlimit", null);
        String bwrap = find(env, "bwrap", env.get("A2A_BWRAP"));
        if (bwrap != null && works(bwrap)) {
            return new BubblewrapSandbox(bwrap, cgroups, prlimit);
        }
        if ("1".equals(env.get("A2A_SANDBOX_UNISOLATED"))) {
            java.util.logging.Logger.getLogger(Sandboxes.class.getName()).severe(UnisolatedSandbox.WARNING);
            return new UnisolatedSandbox(cgroups, prlimit);
        }
        throw SandboxException.refused(INSTALL_HINT
                + (bwrap != null ? " (found " + bwrap + " but it cannot create namespaces here: "
                + "check that unprivileged user namespaces are enabled, kernel.unprivileged_userns_clone=1)" : ""));
    }

    private static String find(Map<String, String> env, String name, String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return Files.isExecutable(Path.of(explicit)) ? explicit : null;
        }
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : (path + ":/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return null;
    }

    /** A real namespace setup, once: bwrap exists on machines whose kernel forbids user namespaces. */
    private static boolean works(String bwrap) {
        try {
            Process p = new ProcessBuilder(List.of(bwrap, "--unshare-all", "--ro-bind", "/usr", "/usr",
                    "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
                    "--", "/usr/bin/true")).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
