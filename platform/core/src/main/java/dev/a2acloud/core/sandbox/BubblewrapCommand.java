package dev.a2acloud.core.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bwrap command line for a request — a pure function, so the isolation profile is reviewable and tested without
 * running anything. The profile: an empty tmpfs root, {@code /usr} and {@code /etc} read-only, {@code /workspace} the
 * only writable host mount, every namespace unshared (so no network), no capabilities, uid 1000, a new session (no
 * TIOCSTI into the caller's terminal), killed with its parent, and an environment built from nothing.
 */
final class BubblewrapCommand {
    static final String SANDBOX_PATH = "/usr/local/bin:/usr/bin:/bin";

    private BubblewrapCommand() {
    }

    static List<String> build(String bwrap, SandboxRequest request, Path workspace, List<String> commandLine,
                              boolean shareHostNetwork) {
        List<String> argv = new ArrayList<>(List.of(bwrap,
                "--tmpfs", "/",
                "--ro-bind", "/usr", "/usr",
                "--symlink", "usr/bin", "/bin",
                "--symlink", "usr/sbin", "/sbin",
                "--symlink", "usr/lib", "/lib",
                "--symlink", "usr/lib64", "/lib64",
                "--ro-bind", "/etc", "/etc",
                "--dev", "/dev",
                "--proc", "/proc",
                "--tmpfs", "/tmp",
                "--unshare-all"));
        if (shareHostNetwork) {
            argv.add("--share-net");
        }
        argv.addAll(List.of("--die-with-parent", "--new-session",
                "--bind", workspace.toString(), "/workspace",
                "--chdir", "/workspace",
                "--clearenv",
                "--setenv", "PATH", SANDBOX_PATH,
                "--setenv", "HOME", "/workspace",
                "--setenv", "TMPDIR", "/tmp",
                "--setenv", "LANG", "C.UTF-8"));
        for (Map.Entry<String, String> e : request.env().entrySet()) {
            argv.addAll(List.of("--setenv", e.getKey(), e.getValue()));
        }
        argv.addAll(List.of("--hostname", "sandbox", "--cap-drop", "ALL", "--uid", "1000", "--gid", "1000"));
        for (Path bind : request.readOnlyBinds()) {
            if (bind.startsWith("/usr") || bind.startsWith("/etc")) {
                continue; // already visible read-only
            }
            argv.addAll(List.of("--ro-bind", bind.toString(), bind.toString()));
        }
        argv.add("--");
        argv.addAll(commandLine);
        return argv;
    }
}
