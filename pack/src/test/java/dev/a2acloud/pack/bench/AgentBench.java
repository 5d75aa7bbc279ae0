package dev.a2acloud.pack.bench;

import dev.a2acloud.pack.PackLaunch;
import dev.a2acloud.pack.tool.PackTool;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * test/bench/agent.sh: cold start of the template agent (process launch → first 200 on the card) over N launches,
 * without and with a JDK 25 AOT cache, and warm SendMessage throughput with p50/p99 on loopback for the trivial
 * {@code echo} skill, driven by a bounded keep-alive load generator on virtual threads. Prints a table, then one
 * JSON line.
 */
public final class AgentBench {
    public static void main(String[] args) throws Exception {
        int launches = Integer.parseInt(System.getProperty("bench.launches", "12"));
        int connections = Integer.parseInt(System.getProperty("bench.connections", "8"));
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "8"));
        Path work = Files.createTempDirectory("a2a-bench-");
        Path project = work.resolve("bench");
        Path jar = work.resolve("agent.jar");
        run(new PackTool(System.err, System.err, Map.of()).run("init", "bench", project.toString()), "init");
        run(new PackTool(System.err, System.err, Map.of()).run("compile", project.toString(), jar.toString()), "compile");

        Path aot = work.resolve("agent.aot");
        long trainStart = System.nanoTime();
        ProcessBuilder trainer = new ProcessBuilder(PackLaunch.trainingCommand(jar, aot, PackLaunch.Options.defaults()))
                .redirectErrorStream(true).redirectOutput(work.resolve("training.log").toFile());
        trainer.environment().putAll(PackLaunch.trainingEnvironment());
        Process training = trainer.start();
        boolean trained = training.waitFor(120, TimeUnit.SECONDS) && Files.isRegularFile(aot);
        if (training.isAlive()) {
            training.destroyForcibly();
        }
        double trainMs = (System.nanoTime() - trainStart) / 1e6;
        if (!trained) {
            System.err.println("AOT training did not produce a cache; see " + work.resolve("training.log"));
        }

        PackLaunch.Options plain = PackLaunch.Options.defaults().withAotCache(null);
        PackLaunch.Options noFlags = plain.withJvmFlags(List.of());
        PackLaunch.Options cached = plain.withAotCache(trained ? aot : null);
        double[] coldNoFlags = cold(jar, noFlags, launches);
        double[] cpuNoFlags = lastCpuMs;
        double[] coldPlain = cold(jar, plain, launches);
        double[] cpuPlain = lastCpuMs;
        double[] coldAot = trained ? cold(jar, cached, launches) : new double[0];
        double[] cpuAot = lastCpuMs;
        Path shared = work.resolve("shared.aot");
        long sharedStart = System.nanoTime();
        boolean sharedOk = PackLaunch.createSharedAotCache(shared, plain, java.time.Duration.ofSeconds(120));
        double sharedMs = (System.nanoTime() - sharedStart) / 1e6;
        artifactPath = jar;
        double[] coldShared = sharedOk ? cold(null, plain.withAotCache(shared), launches) : new double[0];
        double[] cpuShared = lastCpuMs;
        artifactPath = null;
        String load = Files.readString(Path.of("/proc/loadavg")).trim();

        Warm warm = warm(jar, trained ? cached : plain, connections, seconds);

        System.out.println();
        System.out.printf(Locale.ROOT, "%-44s %10s %10s %10s %12s%n", "cold start (launch → card 200), " + launches + " runs",
                "p50 ms", "min ms", "max ms", "cpu p50 ms");
        row("java, no flags, no cache", coldNoFlags, cpuNoFlags);
        row("PackLaunch default flags", coldPlain, cpuPlain);
        if (trained) {
            row("PackLaunch default flags + AOT cache", coldAot, cpuAot);
        }
        if (sharedOk) {
            row("+ shared AOT cache, agent via A2A_ARTIFACT_PATH", coldShared, cpuShared);
        }
        System.out.println("machine load average during the run: " + load + " (" + Runtime.getRuntime().availableProcessors()
                + " CPUs)");
        System.out.printf(Locale.ROOT, "AOT training run: %.0f ms, cache %s; shared cache (createSharedAotCache): "
                        + "%.0f ms, %s%n", trainMs, trained ? Files.size(aot) / 1024 + " KiB" : "not produced", sharedMs,
                sharedOk ? Files.size(shared) / 1024 + " KiB" : "not produced");
        System.out.printf(Locale.ROOT, "%nwarm SendMessage (echo), %d keep-alive connections, %d s: %.0f req/s, "
                        + "p50 %.3f ms, p99 %.3f ms, errors %d%n", connections, seconds, warm.rps, warm.p50, warm.p99,
                warm.errors);
        System.out.printf(Locale.ROOT, "{\"suite\":\"agent\",\"launches\":%d,\"cold_p50_ms_no_flags\":%.1f,"
                        + "\"cold_p50_ms\":%.1f,\"cold_p50_ms_aot\":%s,\"warm_rps\":%.0f,\"warm_p50_ms\":%.3f,"
                        + "\"warm_p99_ms\":%.3f,\"warm_errors\":%d,\"connections\":%d,\"cold_cpu_p50_ms\":%.1f,"
                        + "\"cold_cpu_p50_ms_aot\":%s,\"cold_p50_ms_shared_aot\":%s,\"loadavg\":\"%s\",\"goal_cold_p50_ms\":400,"
                        + "\"goal_rps\":5000}%n", launches, p50(coldNoFlags), p50(coldPlain),
                trained ? String.format(Locale.ROOT, "%.1f", p50(coldAot)) : "null", warm.rps, warm.p50, warm.p99,
                warm.errors, connections, p50(cpuPlain),
                trained ? String.format(Locale.ROOT, "%.1f", p50(cpuAot)) : "null",
                sharedOk ? String.format(Locale.ROOT, "%.1f", p50(coldShared)) : "null", load);
    }

    private static void run(int code, String what) {
        if (code != 0) {
            throw new IllegalStateException(what + " failed with exit code " + code);
        }
    }

    private static void row(String name, double[] ms, double[] cpu) {
        System.out.printf(Locale.ROOT, "%-44s %10.1f %10.1f %10.1f %12.1f%n", name, p50(ms),
                Arrays.stream(ms).min().orElse(0), Arrays.stream(ms).max().orElse(0), p50(cpu));
    }

    static double p50(double[] values) {
        return percentile(values, 0.5);
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** When set, launches load the agent from A2A_ARTIFACT_PATH instead of the class path. */
    static Path artifactPath;

    static Process start(Path jar, PackLaunch.Options options, int port) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(PackLaunch.command(jar, options));
        if (artifactPath != null) {
            pb.environment().put("A2A_ARTIFACT_PATH", artifactPath.toString());
        }
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("A2A_BIND_HOST", "127.0.0.1");
        pb.environment().remove("A2A_AOT_CACHE");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    /** CPU time (user + system) the agent process spent until its first 200, per launch, of the last cold() call. */
    static double[] lastCpuMs = new double[0];

    static double[] cold(Path jar, PackLaunch.Options options, int launches) throws Exception {
        double[] ms = new double[launches];
        double[] cpu = new double[launches];
        byte[] get = ("GET /.well-known/agent-card.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < launches; i++) {
            int port = freePort();
            long t0 = System.nanoTime();
            Process p = start(jar, options, port);
            try {
                while (true) {
                    if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(30)) {
                        throw new IllegalStateException("the agent did not answer within 30 s");
                    }
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        s.getOutputStream().write(get);
                        String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                        if (status.endsWith("200")) {
                            break;
                        }
                    } catch (IOException notYet) {
                        Thread.sleep(2);
                    }
                }
                ms[i] = (System.nanoTime() - t0) / 1e6;
                cpu[i] = p.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(-1.0);
            } finally {
                p.destroy();
                p.waitFor(20, TimeUnit.SECONDS);
            }
        }
        lastCpuMs = cpu;
        return ms;
    }

    record Warm(double rps, double p50, double p99, long errors) {
    }

    static Warm warm(Path jar, PackLaunch.Options options, int connections, int seconds) throws Exception {
        int port = freePort();
        Process p = start(jar, options, port);
        try {
            waitUp(port);
            byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{\"message\":"
                    + "{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"hi\"}]}}}")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] request = ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nA2A-Version: 1.0\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n" + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            load(port, request, connections, 3);                       // warm-up: JIT, pools
            return load(port, request, connections, seconds);
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static void waitUp(int port) throws Exception {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30)) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("the agent did not start");
    }

    static Warm load(int port, byte[] request, int connections, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> latencies = new ArrayList<>();
        long[] counts = new long[connections];
        long[] errors = new long[connections];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long[] lat = new long[2_000_000];
            latencies.add(lat);
            int id = c;
            threads.add(Thread.ofVirtual().start(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
                    while (!stop.get() && counts[id] < lat.length) {
                        long t0 = System.nanoTime();
                        out.write(request);
                        out.flush();
                        int status = readResponse(in);
                        lat[(int) counts[id]] = System.nanoTime() - t0;
                        counts[id]++;
                        if (status != 200) {
                            errors[id]++;
                        }
                    }
                } catch (IOException e) {
                    errors[id]++;
                }
            }));
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = Arrays.stream(counts).sum();
        double[] all = new double[(int) total];
        int k = 0;
        for (int c = 0; c < connections; c++) {
            for (int i = 0; i < counts[c]; i++) {
                all[k++] = latencies.get(c)[i] / 1e6;
            }
        }
        Arrays.sort(all);
        return new Warm(total / elapsed, percentile(all, 0.5), percentile(all, 0.99), Arrays.stream(errors).sum());
    }

    /** Reads one HTTP/1.1 response with Content-Length (what the agent sends) and returns its status. */
    static int readResponse(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int status = -1;
        int length = 0;
        boolean first = true;
        while (true) {
            line.setLength(0);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            if (line.isEmpty()) {
                break;
            }
            String l = line.toString();
            if (first) {
                status = Integer.parseInt(l.substring(9, 12));
                first = false;
            } else if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(l.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return status;
    }
}
