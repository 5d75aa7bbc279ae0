package dev.a2acloud.cli.up;

import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.functions.support.ProcessedEvents;
import dev.a2acloud.functions.support.StepInvoker;
import dev.a2acloud.local.broker.Subscriber;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Makes each in-process step idempotent across restarts: its answers by event id are kept in
 * {@code $A2A_HOME/steps/{step}.processed}, so an event the journal redelivers after a crash gets the same reply
 * without committing or deploying twice. Closes those files at shutdown.
 */
final class StepMemory implements AutoCloseable {
    private static final int REMEMBERED = 10_000;

    private final Path dir;
    private final List<ProcessedEvents> opened = new CopyOnWriteArrayList<>();

    StepMemory(Path dir) {
        this.dir = dir;
    }

    InProcessSubscriber step(String name, Function<? extends BuildEvent, ? extends BuildEvent> function,
                             EventCodec codec, Narrator narrator) {
        return subscriber(name, StepInvoker.of(name, function, codec, remember(name)), narrator);
    }

    <I extends BuildEvent> InProcessSubscriber step(String name, Class<I> input,
                                                    Function<? super I, ? extends BuildEvent> function,
                                                    EventCodec codec, Narrator narrator) {
        return subscriber(name, new StepInvoker(name, input, function, codec, remember(name)), narrator);
    }

    private ProcessedEvents remember(String name) {
        ProcessedEvents processed = ProcessedEvents.persistent(dir.resolve(name + ".processed"), REMEMBERED);
        opened.add(processed);
        return processed;
    }

    private static InProcessSubscriber subscriber(String name, StepInvoker invoker, Narrator narrator) {
        return new InProcessSubscriber(name, null, narrator.around(name, Subscriber.of(invoker)));
    }

    @Override
    public void close() {
        for (ProcessedEvents processed : opened) {
            processed.close();
        }
    }
}
