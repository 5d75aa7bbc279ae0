package dev.a2acloud.functions.support;

import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildFailed;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.InvalidEventException;
import dev.a2acloud.events.PlatformException;
import io.cloudevents.CloudEvent;
import java.lang.System.Logger.Level;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs one builder step behind Knative's data-plane contract (DESIGN §4), with no web framework involved: decodes
 * and validates the inbound CloudEvent, calls the step, and maps the outcome —
 * <ul>
 * <li>a returned event → 200 with it as the reply (source {@code /a2a-cloud/{step}}); {@code null} → 202;</li>
 * <li>a retryable {@link PlatformException} → 503, so the broker redelivers with the Trigger's backoff;</li>
 * <li>a permanent one → 200 with a {@code build.failed} reply naming the step and the reason (no endless loop);</li>
 * <li>an invalid or misrouted event → 400 with the reason (never retried, dead-lettered);</li>
 * <li>anything else (a bug) → 500, retried and then dead-lettered.</li>
 * </ul>
 * With {@link ProcessedEvents} a redelivered event id gets the remembered answer without running the step again.
 */
public final class StepInvoker {
    private static final System.Logger LOG = System.getLogger(StepInvoker.class.getName());

    private final String step;
    private final Class<? extends BuildEvent> inputType;
    private final Function<BuildEvent, ? extends BuildEvent> function;
    private final EventCodec codec;
    private final ProcessedEvents processed;

    /**
     * @param inputType the payload record the step takes ({@code BuildEvent.class} for a step fed several types,
     *                  such as generate on requested and rejected)
     * @param processed remembered answers by event id, or {@link ProcessedEvents#none()}
     */
    @SuppressWarnings("unchecked")
    public <I extends BuildEvent> StepInvoker(String step, Class<I> inputType, Function<? super I, ? extends BuildEvent> function,
                                              EventCodec codec, ProcessedEvents processed) {
        if (step == null || step.isBlank()) {
            throw new IllegalArgumentException("step must name the function, e.g. package");
        }
        this.step = step;
        this.inputType = inputType;
        this.function = (Function<BuildEvent, ? extends BuildEvent>) function;
        this.codec = codec;
        this.processed = processed;
    }

    /** For a step class that implements {@code Function<BuildX, …>}: the input type is read from its declaration. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static StepInvoker of(String step, Function<? extends BuildEvent, ? extends BuildEvent> function,
                                 EventCodec codec, ProcessedEvents processed) {
        Class<? extends BuildEvent> input = inputTypeOf(function.getClass()).orElseThrow(() ->
                new IllegalArgumentException("cannot tell the input type of step '" + step + "' (a lambda?); use the "
                        + "constructor that takes the input class"));
        return new StepInvoker(step, (Class) input, (Function) function, codec, processed);
    }

    /** The {@code I} of a class implementing {@code Function<I, O>}, when it is written down. */
    @SuppressWarnings("unchecked")
    public static Optional<Class<? extends BuildEvent>> inputTypeOf(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type iface : c.getGenericInterfaces()) {
                if (iface instanceof ParameterizedType p && p.getRawType() == Function.class
                        && p.getActualTypeArguments()[0] instanceof Class<?> in && BuildEvent.class.isAssignableFrom(in)) {
                    return Optional.of((Class<? extends BuildEvent>) in);
                }
            }
        }
        return Optional.empty();
    }

    public String step() {
        return step;
    }

    public Class<? extends BuildEvent> inputType() {
        return inputType;
    }

    /** HTTP binary or structured mode in, an HTTP answer out. */
    public StepResponse.HttpReply invokeHttp(Map<String, String> headers, byte[] body) {
        CloudEvent event;
        try {
            event = codec.readHttp(headers, body);
        } catch (InvalidEventException e) {
            return StepResponse.failure(400, e.getMessage()).toHttp();
        }
        return invoke(event).toHttp();
    }

    public StepResponse invoke(CloudEvent event) {
        if (event.getId() == null) {
            return StepResponse.failure(400, "id: missing");
        }
        Optional<StepResponse> remembered = processed.lookup(event.getId());
        if (remembered.isPresent()) {
            return remembered.get();
        }
        // Serialise concurrent redeliveries of one id so the side effects run once.
        synchronized (processed.lockFor(event.getId())) {
            remembered = processed.lookup(event.getId());
            if (remembered.isPresent()) {
                return remembered.get();
            }
            StepResponse response = run(event);
            if (response.success()) {
                processed.remember(event.getId(), response);
            }
            return response;
        }
    }

    private StepResponse run(CloudEvent event) {
        BuildEvent input;
        try {
            input = codec.decode(event);
        } catch (InvalidEventException e) {
            return StepResponse.failure(400, e.getMessage());
        }
        if (!inputType.isInstance(input)) {
            return StepResponse.failure(400, "type: step '" + step + "' does not take " + event.getType()
                    + "; check the Trigger filter that routed it here");
        }
        try {
            BuildEvent output = function.apply(input);
            return output == null ? StepResponse.accepted() : StepResponse.reply(codec.encode(output, step));
        } catch (PlatformException e) {
            if (e.retryable()) {
                LOG.log(Level.WARNING, "step {0} will be retried for {1}: {2}", step, event.getId(), e.getMessage());
                return StepResponse.failure(503, e.getMessage());
            }
            LOG.log(Level.INFO, "step {0} failed {1} permanently: {2}", step, event.getId(), e.getMessage());
            BuildFailed failed = new BuildFailed(input.buildId(), input.agent(), input.owner(), input.version(),
                    input.attempt(), step, e.getMessage(), null);
            return StepResponse.reply(codec.encode(failed, step));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "step " + step + " crashed on " + event.getId(), e);
            return StepResponse.failure(500, "step '" + step + "' crashed: " + e);
        }
    }
}
