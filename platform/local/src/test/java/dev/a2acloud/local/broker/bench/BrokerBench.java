package dev.a2acloud.local.broker.bench;

import com.sun.net.httpserver.HttpServer;
import dev.a2acloud.local.broker.EmbeddedBroker;
import dev.a2acloud.local.broker.JournalFsync;
import dev.a2acloud.local.broker.Subscriber;
import dev.a2acloud.local.broker.SubscriberResponse;
import dev.a2acloud.local.broker.TriggerManifests;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Events/s and dispatch latency (publish call → subscriber invoked) with the journal on (group-commit fsync),
 * for an in-process no-op subscriber and an HTTP subscriber on loopback. Prints a table, then one JSON line.
 * Args: in-process event count, HTTP event count, publisher threads.
 */
public final class BrokerBench {
    private static final String YAML = """
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: {name: bench}
            spec:
              broker: default
              filters: [{exact: {type: bench.event}}]
              subscriber: {ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: sink}}
              delivery: {retry: 3, backoffPolicy: exponential, backoffDelay: PT0.1S, timeout: PT10S}
            """;

    private static JournalFsync fsync;

    record Result(double eventsPerSecond, double p50Micros, double p99Micros) {
    }

    public static void main(String[] args) throws Exception {
        int inProcessCount = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int httpCount = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int publishers = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        fsync = args.length > 3 ? JournalFsync.valueOf(args[3]) : JournalFsync.GROUP_COMMIT;

        run("warm-up", 5_000, publishers, null);
        Result inProcess = run("in-process", inProcessCount, publishers, null);

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        long[] arrival = new long[httpCount + 5_000];
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("ce-id");
            arrival[Integer.parseInt(id)] = System.nanoTime();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        run("http warm-up", 2_000, publishers, new HttpTarget(url, arrival));
        Result http = run("http-loopback", httpCount, publishers, new HttpTarget(url, arrival));
        server.stop(0);

        System.out.printf("%-16s %12s %12s %12s%n", "subscriber", "events/s", "p50 (µs)", "p99 (µs)");
        System.out.printf("%-16s %12.0f %12.0f %12.0f%n", "in-process", inProcess.eventsPerSecond(),
                inProcess.p50Micros(), inProcess.p99Micros());
        System.out.printf("%-16s %12.0f %12.0f %12.0f%n", "http-loopback", http.eventsPerSecond(),
                http.p50Micros(), http.p99Micros());
        System.out.printf("journal on (%s), %d publisher threads, %d cores%n", fsync, publishers,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("{\"suite\":\"broker\",\"inProcessEventsPerSec\":%.0f,\"inProcessP50Micros\":%.0f,"
                        + "\"inProcessP99Micros\":%.0f,\"httpEventsPerSec\":%.0f,\"httpP50Micros\":%.0f,"
                        + "\"httpP99Micros\":%.0f,\"inProcessEvents\":%d,\"httpEvents\":%d,\"journal\":\"%s\"}%n",
                inProcess.eventsPerSecond(), inProcess.p50Micros(), inProcess.p99Micros(), http.eventsPerSecond(),
                http.p50Micros(), http.p99Micros(), inProcessCount, httpCount, fsync);
        System.exit(0);
    }

    record HttpTarget(URI url, long[] arrival) {
    }

    private static Result run(String name, int count, int publishers, HttpTarget http) throws Exception {
        Path journal = Files.createTempDirectory("broker-bench");
        long[] published = new long[count];
        long[] arrived = http != null ? http.arrival() : new long[count];
        Arrays.fill(arrived, 0, count, 0);
        CountDownLatch done = new CountDownLatch(count);
        Subscriber noOp = event -> {
            arrived[Integer.parseInt(event.getId())] = System.nanoTime();
            done.countDown();
            return SubscriberResponse.ack();
        };
        var builder = EmbeddedBroker.builder().journal(journal).fsync(fsync)
                .triggers(TriggerManifests.parseForBench(new ByteArrayInputStream(YAML.getBytes(StandardCharsets.UTF_8))));
        if (http == null) {
            builder.subscriber("sink", noOp);
        } else {
            builder.serviceUrl("sink", http.url());
        }
        byte[] data = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
        AtomicInteger next = new AtomicInteger();
        try (EmbeddedBroker broker = builder.build()) {
            long start = System.nanoTime();
            Thread[] threads = new Thread[publishers];
            for (int t = 0; t < publishers; t++) {
                threads[t] = Thread.ofPlatform().start(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        CloudEvent event = CloudEventBuilder.v1().withId(Integer.toString(i))
                                .withSource(URI.create("/bench")).withType("bench.event")
                                .withData("application/json", data).build();
                        published[i] = System.nanoTime();
                        broker.publish(event);
                    }
                });
            }
            for (Thread t : threads) {
                t.join();
            }
            if (http == null) {
                done.await(120, TimeUnit.SECONDS);
            } else {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (broker.stats().delivered() < count && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
            }
            long end = System.nanoTime();
            long[] latencies = new long[count];
            long last = start;
            int n = 0;
            for (int i = 0; i < count; i++) {
                if (arrived[i] > 0) {
                    latencies[n++] = arrived[i] - published[i];
                    last = Math.max(last, arrived[i]);
                }
            }
            if (n < count) {
                throw new IllegalStateException(name + ": only " + n + " of " + count + " events delivered");
            }
            Arrays.sort(latencies, 0, n);
            double seconds = (Math.min(end, last) - start) / 1e9;
            return new Result(count / seconds, latencies[n / 2] / 1e3, latencies[(int) (n * 0.99)] / 1e3);
        } finally {
            try (var files = Files.walk(journal)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
