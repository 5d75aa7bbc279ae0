package dev.a2acloud.core.sandbox.bench;

import dev.a2acloud.core.sandbox.Sandbox;
import dev.a2acloud.core.sandbox.SandboxRequest;
import dev.a2acloud.core.sandbox.SandboxResult;
import dev.a2acloud.core.sandbox.Sandboxes;
import dev.a2acloud.core.sandbox.validation.PackToolchain;
import dev.a2acloud.core.sandbox.validation.ProjectValidator;
import dev.a2acloud.core.sandbox.validation.ValidationReport;
import dev.a2acloud.pack.tool.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * test/bench.sh sandbox: the cost of {@code exec true} in the local sandbox vs a plain process on the host (p50, p99),
 * and the full validation of the pack's template agent. Goals: overhead p50 < 15 ms, template validation < 5 s.
 * Args: [exec iterations (default 200)] [validation runs (default 3)]; bounded to about two minutes.
 */
public final class SandboxBench {
    private SandboxBench() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int validations = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Sandbox sandbox = Sandboxes.local();
        Path workspace = Files.createTempDirectory("a2a-bench-ws");
        SandboxRequest request = SandboxRequest.defaults().withWorkspace(workspace);

        for (int i = 0; i < 20; i++) { // warm up both paths
            host();
            sandbox.exec(request, "true", List.of());
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        double[] hostMs = new double[iterations];
        double[] sandboxMs = new double[iterations];
        int done = 0;
        for (; done < iterations && System.nanoTime() < deadline; done++) {
            hostMs[done] = host();
            long t = System.nanoTime();
            SandboxResult r = sandbox.exec(request, "true", List.of());
            sandboxMs[done] = (System.nanoTime() - t) / 1e6;
            if (!r.ok()) {
                throw new IllegalStateException("exec true failed in the sandbox: " + r);
            }
        }
        hostMs = Arrays.copyOf(hostMs, done);
        sandboxMs = Arrays.copyOf(sandboxMs, done);

        ProjectValidator validator = new ProjectValidator(sandbox, PackToolchain.fromPack(),
                ProjectValidator.Settings.defaults());
        Path project = Files.createTempDirectory("a2a-bench-template");
        Template.write("bench", project);
        List<Double> validationMs = new ArrayList<>();
        String stages = "";
        for (int i = 0; i < validations; i++) {
            long t = System.nanoTime();
            ValidationReport report = validator.validateDirectory(project, "0.1.0");
            validationMs.add((System.nanoTime() - t) / 1e6);
            if (!report.passed()) {
                throw new IllegalStateException("the template did not validate: " + report.failure());
            }
            stages = report.stages().stream().map(s -> s.stage() + "=" + s.millis())
                    .collect(Collectors.joining(" "));
        }

        double hostP50 = percentile(hostMs, 50);
        double hostP99 = percentile(hostMs, 99);
        double sbxP50 = percentile(sandboxMs, 50);
        double sbxP99 = percentile(sandboxMs, 99);
        double[] v = validationMs.stream().mapToDouble(Double::doubleValue).toArray();
        double validationP50 = percentile(v, 50);
        System.out.printf(Locale.ROOT, "backend: %s, %d exec iterations, %d validations, %d CPUs, load %.1f%n",
                sandbox.describe(), done, validations, Runtime.getRuntime().availableProcessors(), load());
        System.out.printf(Locale.ROOT, "%-34s %10s %10s%n", "measure", "p50 ms", "p99 ms");
        System.out.printf(Locale.ROOT, "%-34s %10.2f %10.2f%n", "host: /usr/bin/true", hostP50, hostP99);
        System.out.printf(Locale.ROOT, "%-34s %10.2f %10.2f%n", "sandbox: exec true", sbxP50, sbxP99);
        System.out.printf(Locale.ROOT, "%-34s %10.2f %10.2f   (goal p50 < 15 ms)%n", "overhead (sandbox - host)",
                sbxP50 - hostP50, sbxP99 - hostP99);
        System.out.printf(Locale.ROOT, "%-34s %10.0f %10.0f   (goal < 5000 ms; last: %s)%n",
                "template validation", validationP50, percentile(v, 99), stages);
        System.out.printf(Locale.ROOT, "{\"suite\":\"sandbox\",\"backend\":\"%s\",\"iterations\":%d,"
                        + "\"host_p50_ms\":%.2f,\"host_p99_ms\":%.2f,\"sandbox_p50_ms\":%.2f,\"sandbox_p99_ms\":%.2f,"
                        + "\"overhead_p50_ms\":%.2f,\"overhead_p99_ms\":%.2f,\"validation_runs\":%d,"
                        + "\"validation_p50_ms\":%.0f,\"validation_max_ms\":%.0f,\"load_average\":%.1f}%n",
                sandbox.describe(), done, hostP50, hostP99, sbxP50, sbxP99, sbxP50 - hostP50, sbxP99 - hostP99,
                validations, validationP50, Arrays.stream(v).max().orElse(0), load());
    }

    private static double host() throws Exception {
        long t = System.nanoTime();
        Process p = new ProcessBuilder("/usr/bin/true").start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        p.getErrorStream().readAllBytes();
        p.waitFor();
        return (System.nanoTime() - t) / 1e6;
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static double percentile(double[] values, int p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

}
