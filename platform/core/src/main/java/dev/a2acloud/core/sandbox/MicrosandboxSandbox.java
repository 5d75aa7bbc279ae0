package dev.a2acloud.core.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The production backend: each run is a fresh microsandbox microVM ({@code msb run}) on a KVM host, normally behind the
 * sandbox-runner. Hardware isolation replaces namespaces; the VM's size is the CPU/memory limit, the guest gets rlimits
 * and microsandbox's own command timeout, egress allow-lists are microsandbox network rules. Our wall clock still
 * kills the {@code msb} process (with some room for booting) and the named VM is removed afterwards.
 */
final class MicrosandboxSandbox extends LocalSandbox {
    private static final Logger LOG = Logger.getLogger(MicrosandboxSandbox.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String BOOT_FAILURE = "error: failed to start";

    private final String msb;
    private final String defaultImage;

    MicrosandboxSandbox(String msb, String defaultImage) {
        super(Cgroups.none(), null);
        this.msb = msb;
        this.defaultImage = defaultImage;
    }

    /** {@code A2A_MSB} (default {@code msb} on the PATH) and {@code A2A_SANDBOX_IMAGE} (default image). */
    public static Sandbox fromEnvironment(Map<String, String> env) {
        String msb = env.getOrDefault("A2A_MSB", "msb");
        String image = env.getOrDefault("A2A_SANDBOX_IMAGE", "python:3.12-slim");
        return new MicrosandboxSandbox(msb, image);
    }

    @Override
    List<String> isolate(SandboxRequest request, Path workspace, List<String> commandLine, boolean shareHostNetwork) {
        if (shareHostNetwork) {
            LOG.warning(() -> "SANDBOX EGRESS NOT ENFORCED: " + commandLine.get(0)
                    + " runs in a microVM with the host network profile");
        }
        String image = request.image() == null || request.image().isBlank() ? defaultImage : request.image();
        int port = parsePort(request.env().get("PORT"));
        return MsbCommandLine.run(msb, "a2a-" + HexFormat.of().formatHex(RANDOM.generateSeed(6)), image, request,
                workspace, commandLine, shareHostNetwork, port);
    }

    @Override
    void prepareEnvironment(Map<String, String> environment, SandboxRequest request, Path workspace) {
        // msb reads its own state folder from HOME; nothing of the request goes into msb's environment.
        environment.put("HOME", System.getProperty("user.home"));
    }

    @Override
    void checkEgress(SandboxRequest request) {
        // Allow-lists are microsandbox network rules: enforced by the VM's network stack.
    }

    @Override
    java.time.Duration wallClock(SandboxRequest request) {
        // msb enforces the command timeout itself; our kill is the backstop and must leave room to boot the VM.
        return request.timeout().plusSeconds(30);
    }

    @Override
    SandboxResult interpret(SandboxResult result) {
        if (result.exitCode() != 0 && result.stderr().startsWith(BOOT_FAILURE)) {
            throw SandboxException.unavailable("microsandbox could not boot a microVM (KVM with CPU virtualisation "
                    + "is required; see `msb doctor`): " + result.stderr().strip(), null);
        }
        if (result.killed() == null && result.exitCode() != 0 && result.stderr().contains("timed out")) {
            return new SandboxResult(result.exitCode(), result.stdout(), result.stderr(), result.stdoutTruncated(),
                    result.stderrTruncated(), result.duration(), result.changedFiles(), result.deletedFiles(),
                    KillReason.TIMEOUT);
        }
        return result;
    }

    @Override
    void cleanup(List<String> isolatedCommandLine) {
        int i = isolatedCommandLine.indexOf("--name");
        if (i < 0) {
            return;
        }
        try {
            Process rm = new ProcessBuilder(MsbCommandLine.remove(msb, isolatedCommandLine.get(i + 1)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            rm.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warning("could not remove microsandbox VM " + isolatedCommandLine.get(i + 1) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int parsePort(String port) {
        try {
            return port == null ? 0 : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw SandboxException.badRequest("PORT must be a number, was '" + port + "'");
        }
    }

    @Override
    public String describe() {
        return "microsandbox(" + msb + ")";
    }
}
