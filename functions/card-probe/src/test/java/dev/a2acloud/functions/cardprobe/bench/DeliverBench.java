package dev.a2acloud.functions.cardprobe.bench;

import dev.a2acloud.events.BuildCommitted;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildLive;
import dev.a2acloud.functions.argosync.ArgoSync;
import dev.a2acloud.functions.cardprobe.CardProbe;
import dev.a2acloud.functions.cardprobe.DeliveryFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * test/bench.sh deliver: build.committed → build.live (argo-sync + card-probe over the embedded reconciler, a real
 * pack agent), cold start through the activator (first request after scale-to-zero) and warm requests through the
 * activator vs straight to the instance. Prints a table, then one JSON line.
 */
public final class DeliverBench {
    private DeliverBench() {
    }

    public static void main(String[] args) throws Exception {
        int versions = Integer.parseInt(System.getProperty("bench.versions", "4"));
        int colds = Integer.parseInt(System.getProperty("bench.cold", "10"));
        int warm = Integer.parseInt(System.getProperty("bench.warm", "3000"));
        Path dir = Files.createTempDirectory("a2a-deliver-bench-");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (DeliveryFixture fixture = new DeliveryFixture(dir, Duration.ofMillis(400))) {
            ArgoSync argoSync = fixture.argoSync();
            CardProbe cardProbe = fixture.cardProbe();

            double[] toLive = new double[versions];
            for (int i = 0; i < versions; i++) {
                BuildCommitted committed = fixture.commit("0.1." + i, "b-" + i); // compile + commit: not timed
                long start = System.nanoTime();
                BuildEvent synced = argoSync.apply(committed);
                BuildEvent live = cardProbe.apply((dev.a2acloud.events.BuildSynced) synced);
                toLive[i] = (System.nanoTime() - start) / 1e6;
                if (!(live instanceof BuildLive)) {
                    throw new IllegalStateException("not live: " + live);
                }
            }

            String url = fixture.serving.url("echo");
            URI card = URI.create(url + ".well-known/agent-card.json");
            double[] cold = new double[colds];
            for (int i = 0; i < colds; i++) {
                awaitScaledToZero(fixture);
                long start = System.nanoTime();
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(card).build(),
                        HttpResponse.BodyHandlers.ofString());
                cold[i] = (System.nanoTime() - start) / 1e6;
                check(r);
            }

            // Warm: one instance up; alternate activator and direct so both see the same machine noise.
            client.send(HttpRequest.newBuilder(card).build(), HttpResponse.BodyHandlers.ofString());
            URI direct = fixture.serving.endpoints("echo").getFirst().resolve("/.well-known/agent-card.json");
            HttpRequest viaActivator = HttpRequest.newBuilder(card).build();
            HttpRequest straight = HttpRequest.newBuilder(direct).build();
            for (int i = 0; i < warm / 2; i++) { // JIT warm-up of both paths
                check(client.send(viaActivator, HttpResponse.BodyHandlers.ofString()));
                check(client.send(straight, HttpResponse.BodyHandlers.ofString()));
            }
            double[] activator = new double[warm];
            double[] directMs = new double[warm];
            for (int i = 0; i < warm; i++) {
                long a = System.nanoTime();
                check(client.send(viaActivator, HttpResponse.BodyHandlers.ofString()));
                long b = System.nanoTime();
                check(client.send(straight, HttpResponse.BodyHandlers.ofString()));
                long c = System.nanoTime();
                activator[i] = (b - a) / 1e6;
                directMs[i] = (c - b) / 1e6;
            }

            double addedP50 = pct(activator, 50) - pct(directMs, 50);
            double addedP99 = pct(activator, 99) - pct(directMs, 99);
            System.out.println("deliver benchmark (real pack agent, embedded reconciler, local serving)");
            System.out.printf(Locale.ROOT, "%-46s %10s %10s %10s %6s%n", "measure", "p50 ms", "p90 ms", "max ms", "n");
            row("build.committed -> build.live", toLive);
            row("cold start via activator (after scale-to-zero)", cold);
            row("warm via activator", activator);
            row("warm direct to instance", directMs);
            System.out.printf(Locale.ROOT, "%-46s %10.3f (p99 %.3f)%n", "activator added, warm", addedP50, addedP99);
            System.out.println("build.validated -> build.live: not measured here (package and git-commit are "
                    + "another module's; committed -> live above is this half)");
            System.out.printf(Locale.ROOT, "{\"suite\":\"deliver\",\"committed_to_live_p50_ms\":%.1f,"
                            + "\"cold_start_p50_ms\":%.1f,\"cold_start_max_ms\":%.1f,\"warm_activator_p50_ms\":%.3f,"
                            + "\"warm_direct_p50_ms\":%.3f,\"activator_added_p50_ms\":%.3f,"
                            + "\"activator_added_p99_ms\":%.3f,\"goal_cold_ms\":500,\"goal_added_p50_ms\":0.5}%n",
                    pct(toLive, 50), pct(cold, 50), pct(cold, 100), pct(activator, 50), pct(directMs, 50),
                    addedP50, addedP99);
        }
    }

    private static void awaitScaledToZero(DeliveryFixture fixture) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (fixture.serving.get("echo").orElseThrow().revisions().stream().anyMatch(r -> r.instances() > 0)
                || !fixture.serving.endpoints("echo").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("never scaled to zero");
            }
            Thread.sleep(20);
        }
        Thread.sleep(100); // let the stopped process release its port and CPU
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    private static void row(String name, double[] values) {
        System.out.printf(Locale.ROOT, "%-46s %10.3f %10.3f %10.3f %6d%n", name, pct(values, 50), pct(values, 90),
                pct(values, 100), values.length);
    }

    private static double pct(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
