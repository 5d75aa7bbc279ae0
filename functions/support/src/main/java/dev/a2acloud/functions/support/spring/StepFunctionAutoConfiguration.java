package dev.a2acloud.functions.support.spring;

import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.functions.support.ProcessedEvents;
import dev.a2acloud.functions.support.StepInvoker;
import dev.a2acloud.functions.support.StepResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeType;

/**
 * Turns a function module into a Knative subscriber: the module declares ONE bean
 * {@code Function<BuildX, BuildEvent>} (its step) and this exposes it through Spring Cloud Function's web endpoint
 * as {@value #FUNCTION} — CloudEvents binary mode in, the reply event out, with {@link StepInvoker}'s outcome
 * rules (503 to be retried, 400 refused, permanent failures as {@code build.failed}). The reply's ce attributes are
 * set in one place, the {@link EventCodec}; the step name ({@code source /a2a-cloud/{step}}) comes from
 * {@code a2a.step.name}, else {@code spring.application.name}, else the bean name.
 */
@AutoConfiguration
public class StepFunctionAutoConfiguration {
    /** The Spring Cloud Function definition Knative's POST / reaches. */
    public static final String FUNCTION = "cloudEventStep";

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    /** Answers remembered by event id; a module replaces it with a persistent one where redelivery is costly. */
    @Bean
    @ConditionalOnMissingBean
    ProcessedEvents processedEvents() {
        return ProcessedEvents.inMemory(10_000);
    }

    @Bean
    @ConditionalOnMissingBean
    @SuppressWarnings({"unchecked", "rawtypes"})
    StepInvoker stepInvoker(ConfigurableListableBeanFactory beans, Environment env, EventCodec codec,
                            ProcessedEvents processed) {
        List<String> candidates = new ArrayList<>();
        Map<String, Class<?>> inputs = new LinkedHashMap<>();
        for (String name : beans.getBeanNamesForType(Function.class)) {
            if (name.equals(FUNCTION)) {
                continue;
            }
            ResolvableType type = beans.getMergedBeanDefinition(name).getResolvableType();
            Class<?> input = type.as(Function.class).getGeneric(0).resolve();
            if (input == null && beans.getType(name) != null) {
                input = ResolvableType.forClass(beans.getType(name)).as(Function.class).getGeneric(0).resolve();
            }
            if (input != null && BuildEvent.class.isAssignableFrom(input)) {
                candidates.add(name);
                inputs.put(name, input);
            }
        }
        if (candidates.size() != 1) {
            throw new IllegalStateException("a function module declares exactly one step bean of type "
                    + "Function<BuildX, BuildEvent> (BuildX a record of dev.a2acloud.events); found " + candidates);
        }
        String bean = candidates.getFirst();
        String step = env.getProperty("a2a.step.name", env.getProperty("spring.application.name", bean));
        Function function = (Function) beans.getBean(bean);
        return new StepInvoker(step, (Class) inputs.get(bean), function, codec, processed);
    }

    /**
     * The HTTP face of the step. A 200 reply becomes the function's result (Spring Cloud Function writes the
     * message headers — our {@code ce-*} attributes — as response headers); any other answer is raised as
     * {@link StepAnswerException} so {@link StepAnswerAdvice} can write its status, since Spring Cloud Function's
     * web layer always answers 200 for a returned value.
     */
    @Bean(FUNCTION)
    Function<Message<String>, Message<byte[]>> cloudEventStep(StepInvoker invoker) {
        // String, not byte[]: the web layer reads the body as a String and would otherwise try to convert JSON to byte[].
        return message -> {
            byte[] body = message.getPayload() == null ? new byte[0] : message.getPayload().getBytes(StandardCharsets.UTF_8);
            StepResponse.HttpReply reply = invoker.invokeHttp(headersOf(message.getHeaders()), body);
            if (reply.status() != 200) {
                throw new StepAnswerException(reply);
            }
            MessageBuilder<byte[]> out = MessageBuilder.withPayload(reply.body());
            reply.headers().forEach(out::setHeader);
            return out.build();
        };
    }

    @Bean
    @ConditionalOnMissingBean
    StepAnswerAdvice stepAnswerAdvice() {
        return new StepAnswerAdvice();
    }

    @Bean
    @ConditionalOnMissingBean
    HealthController stepHealthController() {
        return new HealthController();
    }

    /** HTTP header view of the inbound message: {@code ce-*} attributes (any prefix spelling) and the content type. */
    static Map<String, String> headersOf(MessageHeaders headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("ce-") || lower.startsWith("ce_") || lower.startsWith("ce.")) {
                out.put("ce-" + lower.substring(3), String.valueOf(value));
            }
        });
        Object contentType = headers.get("content-type") != null ? headers.get("content-type")
                : headers.get(MessageHeaders.CONTENT_TYPE);
        if (contentType instanceof MimeType mime) {
            out.put("content-type", mime.toString());
        } else if (contentType != null) {
            out.put("content-type", contentType.toString());
        }
        return out;
    }
}
