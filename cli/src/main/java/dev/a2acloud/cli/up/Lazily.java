package dev.a2acloud.cli.up;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A step built on its first event and kept: the embedded steps need the platform's own URL, which a web server on
 * port 0 only knows once it listens — after the beans were created.
 */
final class Lazily<I, O> implements Function<I, O> {
    private final Supplier<? extends Function<? super I, ? extends O>> factory;
    private volatile Function<? super I, ? extends O> step;

    private Lazily(Supplier<? extends Function<? super I, ? extends O>> factory) {
        this.factory = factory;
    }

    static <I, O> Lazily<I, O> of(Supplier<? extends Function<? super I, ? extends O>> factory) {
        return new Lazily<>(factory);
    }

    @Override
    public O apply(I input) {
        Function<? super I, ? extends O> current = step;
        if (current == null) {
            synchronized (this) {
                if (step == null) {
                    step = factory.get();
                }
                current = step;
            }
        }
        return current.apply(input);
    }
}
