package dev.a2acloud.functions.support.spring;

import dev.a2acloud.functions.support.StepResponse;

/** Carries a non-200 step answer out of Spring Cloud Function's invocation to {@link StepAnswerAdvice}. */
public final class StepAnswerException extends RuntimeException {
    private final transient StepResponse.HttpReply reply;

    public StepAnswerException(StepResponse.HttpReply reply) {
        super("step answered " + reply.status(), null, false, false);
        this.reply = reply;
    }

    public StepResponse.HttpReply reply() {
        return reply;
    }
}
