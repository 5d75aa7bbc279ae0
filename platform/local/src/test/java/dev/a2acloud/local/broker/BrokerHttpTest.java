package dev.a2acloud.local.broker;

import static dev.a2acloud.local.broker.Events.delivery;
import static dev.a2acloud.local.broker.Events.trigger;
import static dev.a2acloud.local.broker.Events.triggers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.a2acloud.events.BinaryHttpMessage;
import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildValidated;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.Origin;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol paths over real HTTP on loopback: the ingress servlet in an embedded Tomcat (binary, structured,
 * malformed), the status servlet, and subscribers reached by URL (a JDK HTTP server standing in for a function).
 */
class BrokerHttpTest {
    private final EventCodec codec = new EventCodec();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<CloudEvent> deadLetters = new CopyOnWriteArrayList<>();
    private final List<CloudEvent> validated = new CopyOnWriteArrayList<>();
    private Tomcat tomcat;
    private HttpServer function;
    private EmbeddedBroker broker;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
        if (function != null) {
            function.stop(0);
        }
    }

    /** A stand-in sandbox-validate over HTTP: validated for agent "echo", a non-CloudEvent 200 for "junk". */
    private URI startFunction() throws IOException {
        function = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        function.createContext("/", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.getFirst()));
            BuildGenerated in = (BuildGenerated) codec.decodeHttp(headers, exchange.getRequestBody().readAllBytes());
            byte[] body;
            if (in.agent().equals("junk")) {
                body = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html");
            } else {
                BinaryHttpMessage reply = codec.encodeHttp(new BuildValidated(in.buildId(), in.agent(), in.owner(),
                        in.version(), in.attempt(), in.origin(), in.sourcePrefix(), "sha256:" + "1".repeat(64), null,
                        null), "sandbox-validate");
                reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                body = reply.body();
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        function.start();
        return URI.create("http://127.0.0.1:" + function.getAddress().getPort());
    }

    private URI startBroker(URI functionUrl) throws Exception {
        String yaml = trigger("sandbox-validate", "dev.a2acloud.build.generated", "sandbox-validate",
                delivery(1, "exponential", "PT0.01S", "PT5S"))
                + trigger("package", "dev.a2acloud.build.validated", "package", "");
        broker = EmbeddedBroker.builder().triggers(triggers(yaml)).journal(dir)
                .serviceUrl("sandbox-validate", functionUrl)
                .subscriber("package", e -> {
                    validated.add(e);
                    return SubscriberResponse.ack();
                })
                .subscriber("control-plane", "/v1/dead-letters", e -> {
                    deadLetters.add(e);
                    return SubscriberResponse.ack();
                }).build();
        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "ingress", new BrokerIngressServlet(broker, codec));
        context.addServletMappingDecoded(broker.path(), "ingress");
        Tomcat.addServlet(context, "status", new BrokerStatusServlet(broker));
        context.addServletMappingDecoded("/broker/status", "status");
        tomcat.start();
        return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort());
    }

    private HttpResponse<String> post(URI url, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void binaryEventIsAcceptedAndFlowsThroughAnHttpSubscriberToTheNextStep() throws Exception {
        URI base = startBroker(startFunction());
        BinaryHttpMessage event = codec.encodeHttp(new BuildGenerated("b-1", "echo", "u", "1.0.0", 1, Origin.PROMPT,
                "agents/echo/"), "generate");
        HttpResponse<String> response = post(base.resolve("/a2a-cloud/default"), event.headers(),
                new String(event.body(), StandardCharsets.UTF_8));
        assertEquals(202, response.statusCode(), response.body());
        EmbeddedBrokerTest.waitFor(() -> validated.size() == 1);
        assertEquals("b-1.validated.1", validated.getFirst().getId());
        assertEquals("/a2a-cloud/sandbox-validate", validated.getFirst().getSource().toString());

        HttpResponse<String> status = http.send(HttpRequest.newBuilder(base.resolve("/broker/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, status.statusCode());
        assertTrue(status.body().contains("\"accepted\" : 2"), status.body());
        assertTrue(status.body().contains("replied"), status.body());
    }

    @Test
    void aTwoHundredWithoutACloudEventIsAFailure() throws Exception {
        URI base = startBroker(startFunction());
        BinaryHttpMessage event = codec.encodeHttp(new BuildGenerated("b-2", "junk", "u", "1.0.0", 1, Origin.PROMPT,
                "agents/junk/"), "generate");
        assertEquals(202, post(base.resolve("/a2a-cloud/default"), event.headers(),
                new String(event.body(), StandardCharsets.UTF_8)).statusCode());
        EmbeddedBrokerTest.waitFor(() -> deadLetters.size() == 1);
        assertEquals("502", deadLetters.getFirst().getExtension(EmbeddedBroker.ERROR_CODE).toString());
        assertTrue(deadLetters.getFirst().getExtension(EmbeddedBroker.ERROR_DEST).toString().startsWith("http://127.0.0.1:"));
        assertEquals(1, broker.stats().retried());
        assertTrue(validated.isEmpty());
    }

    @Test
    void aBurstToAnHttpSubscriberIsDeliveredInFullOverBoundedConnections() throws Exception {
        java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger mostOpen = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        function = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        function.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        function.createContext("/", exchange -> {
            mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5); // a subscriber that takes a moment, so a burst piles up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add(exchange.getRequestHeaders().getFirst("ce-id"));
            open.decrementAndGet();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        function.start();
        broker = EmbeddedBroker.builder()
                .triggers(triggers(trigger("sink", "burst.event", "sink", delivery(1, "linear", "PT0.05S", "PT10S"))))
                .serviceUrl("sink", URI.create("http://127.0.0.1:" + function.getAddress().getPort()))
                .build();
        int burst = 2_000;
        for (int i = 0; i < burst; i++) {
            broker.publish(Events.event("e-" + i, "burst.event"));
        }
        EmbeddedBrokerTest.waitFor(() -> broker.stats().delivered() + broker.stats().dropped() >= burst);
        assertEquals(burst, seen.size(), "every event arrived once: " + broker.stats());
        assertEquals(0, broker.stats().dropped());
        assertTrue(mostOpen.get() <= HttpSubscriber.MAX_IN_FLIGHT, "at most " + HttpSubscriber.MAX_IN_FLIGHT
                + " requests open at once, saw " + mostOpen.get());
    }

    @Test
    void structuredModeIsAccepted() throws Exception {
        URI base = startBroker(URI.create("http://127.0.0.1:9"));
        String body = """
                {"specversion":"1.0","id":"x-1","source":"/test","type":"com.example.other","data":{"a":1}}""";
        HttpResponse<String> response = post(base.resolve("/a2a-cloud/default"),
                Map.of("Content-Type", "application/cloudevents+json"), body);
        assertEquals(202, response.statusCode(), response.body());
        assertEquals(1, broker.stats().accepted());
    }

    @Test
    void malformedEventsAre400NamingTheField() throws Exception {
        URI base = startBroker(URI.create("http://127.0.0.1:9"));
        URI ingress = base.resolve("/a2a-cloud/default");
        HttpResponse<String> noId = post(ingress, Map.of("ce-specversion", "1.0", "ce-source", "/s", "ce-type", "t"), "");
        assertEquals(400, noId.statusCode());
        assertTrue(noId.body().contains("\"field\":\"id\""), noId.body());

        HttpResponse<String> oldSpec = post(ingress, Map.of("ce-specversion", "0.3", "ce-id", "1", "ce-source", "/s",
                "ce-type", "t"), "");
        assertEquals(400, oldSpec.statusCode());
        assertTrue(oldSpec.body().contains("specversion"), oldSpec.body());

        HttpResponse<String> plain = post(ingress, Map.of("Content-Type", "application/json"), "{}");
        assertEquals(400, plain.statusCode());

        HttpResponse<String> badBuild = post(ingress, Map.of("ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s",
                "ce-type", "dev.a2acloud.build.generated", "ce-subject", "echo", "ce-buildid", "b-1",
                "Content-Type", "application/json"), "{\"buildId\":\"b-1\",\"agent\":\"echo\"}");
        assertEquals(400, badBuild.statusCode());
        assertTrue(badBuild.body().contains("/data/"), badBuild.body());

        HttpResponse<String> broken = post(ingress, Map.of("Content-Type", "application/cloudevents+json"), "{not json");
        assertEquals(400, broken.statusCode());
        assertEquals(0, broker.stats().accepted());
    }

    @Test
    void anotherBrokersPathIs404AndGetIs405() throws Exception {
        URI base = startBroker(URI.create("http://127.0.0.1:9"));
        tomcat.getHost().findChildren();
        Context context = (Context) tomcat.getHost().findChildren()[0];
        context.addServletMappingDecoded("/other/*", "ingress");
        assertEquals(404, post(base.resolve("/other/default"), Map.of("ce-specversion", "1.0"), "").statusCode());
        assertEquals(405, http.send(HttpRequest.newBuilder(base.resolve("/a2a-cloud/default")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void triggersShipOnTheClasspath() {
        List<TriggerSpec> fromJar = TriggerManifests.fromClasspath("knative/", "default");
        assertEquals(7, fromJar.size());
        assertTrue(fromJar.stream().anyMatch(t -> t.name().equals("control-plane-recorder")));
    }
}
