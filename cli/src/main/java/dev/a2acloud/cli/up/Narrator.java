package dev.a2acloud.cli.up;

import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.BuildLive;
import dev.a2acloud.events.BuildRejected;
import dev.a2acloud.events.BuildRequested;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.local.broker.Subscriber;
import dev.a2acloud.local.broker.SubscriberResponse;
import io.cloudevents.CloudEvent;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Says what the platform does, in a person's words, by watching each in-process step's deliveries: a build started,
 * a step done in N ms, a rejection sent back for repair, an agent live at its URL, a failure and its reason.
 */
final class Narrator {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintStream out;
    private final Clock clock;
    private final EventCodec codec;
    /** Builds already announced; bounded by what one platform builds in its lifetime, a few per minute at most. */
    private final java.util.Set<String> announced = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Narrator(PrintStream out, Clock clock, EventCodec codec) {
        this.out = out;
        this.clock = clock;
        this.codec = codec;
    }

    Subscriber around(String step, Subscriber inner) {
        return event -> {
            BuildEvent input = decode(event);
            if (input != null && announced.add(input.buildId())) {
                say("build " + input.buildId() + " of " + input.agent() + " " + input.version() + " started"
                        + (input instanceof BuildRequested ? "" : " from an upload"));
            }
            long started = System.nanoTime();
            SubscriberResponse response = inner.deliver(event);
            long millis = (System.nanoTime() - started) / 1_000_000;
            BuildEvent output = response.reply() == null ? null : decode(response.reply());
            String agent = input != null ? input.agent() : String.valueOf(event.getSubject());
            if (output instanceof BuildLive live) {
                say(agent + ": " + step + " done in " + millis + " ms");
                say(agent + " " + live.version() + " is live at " + live.url() + " (skills: "
                        + String.join(", ", live.skills() == null ? java.util.List.of() : live.skills()) + ")");
            } else if (output instanceof BuildFailed failed) {
                say(agent + ": build " + failed.buildId() + " failed at " + failed.stage() + " after " + millis
                        + " ms: " + failed.reason());
            } else if (output instanceof BuildRejected rejected) {
                say(agent + ": " + step + " rejected attempt " + rejected.attempt() + " at stage " + rejected.stage()
                        + " (" + millis + " ms); sending it back for repair");
            } else if (output instanceof BuildRequested) {
                say(agent + ": " + step + " needs another turn (" + millis + " ms so far in this one)");
            } else if (response.status() / 100 == 2) {
                say(agent + ": " + step + " done in " + millis + " ms"
                        + (output != null ? " → " + output.type().shortName() : ""));
            } else {
                say(agent + ": " + step + " answered " + response.status() + " after " + millis + " ms ("
                        + response.detail() + "); the broker will retry");
            }
            return response;
        };
    }

    void say(String line) {
        out.println(LocalTime.now(clock.withZone(ZoneId.systemDefault())).format(TIME) + "  " + line);
        out.flush();
    }

    private BuildEvent decode(CloudEvent event) {
        try {
            return codec.decode(event);
        } catch (RuntimeException e) {
            return null; // not one of ours or malformed: the step itself answers it with a 400
        }
    }
}
