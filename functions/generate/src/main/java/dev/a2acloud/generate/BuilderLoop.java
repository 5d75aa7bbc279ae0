package dev.a2acloud.generate;

import dev.a2acloud.core.llm.ChatMessage;
import dev.a2acloud.core.llm.ChatModel;
import dev.a2acloud.core.llm.ChatReply;
import dev.a2acloud.core.llm.ChatRequest;
import dev.a2acloud.core.llm.LlmException;
import dev.a2acloud.core.llm.ToolCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One bounded invocation of the builder: model turn, tool calls, repeat — until the model calls {@code finish}, the
 * invocation's turn or time budget is spent (then the caller saves and continues in a fresh invocation), or something
 * ends the build: a failed model call, an exhausted budget, a model that keeps sending unusable tool calls, or too
 * many turns in all. The transcript is saved after every turn.
 */
final class BuilderLoop {
    static final int MAX_BAD_TURNS = 3;

    /** How an invocation ended. */
    sealed interface Outcome {
    }

    record Finished(String summary) implements Outcome {
    }

    record Paused(int turns) implements Outcome {
    }

    record Failed(String reason) implements Outcome {
    }

    /** Saves the transcript; called after every turn. */
    interface Checkpoint {
        void save(Transcript transcript);
    }

    private final GenerateSettings settings;
    private final Clock clock;

    BuilderLoop(GenerateSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    Outcome run(Transcript start, String model, ChatModel chat, BuilderTools tools, Checkpoint checkpoint) {
        Instant deadline = clock.instant().plus(settings.invocationBudget());
        Transcript transcript = start;
        tools.todos().addAll(transcript.todos());
        int turnsNow = 0;
        int badTurns = 0;
        while (true) {
            if (transcript.turns() >= settings.maxTotalTurns()) {
                return new Failed("the builder used all " + settings.maxTotalTurns()
                        + " model turns without finishing; simplify the request or raise a2a.generate.max-total-turns");
            }
            if (turnsNow >= settings.turnsPerInvocation() || !clock.instant().isBefore(deadline)) {
                return new Paused(turnsNow);
            }
            ChatReply reply;
            try {
                reply = call(chat, new ChatRequest(model, transcript.messages(), BuilderTools.specs(),
                        settings.maxTokens()), deadline);
            } catch (LlmException e) {
                checkpoint.save(transcript);
                return new Failed(describe(e));
            }
            transcript = transcript.withTurn();
            turnsNow++;
            transcript.messages().add(reply.message());
            List<ToolCall> calls = reply.message().toolCalls();
            if (calls.isEmpty()) {
                badTurns++;
                transcript.messages().add(ChatMessage.user("Use the tools to work on the project; call `finish` "
                        + "with a summary when it is complete."));
            } else {
                boolean allBad = true;
                String finished = null;
                for (ToolCall call : calls) {
                    BuilderTools.Result result = tools.run(call);
                    transcript.messages().add(ChatMessage.tool(call.id(), result.content()));
                    allBad &= result.error() && result.content().contains("are not valid JSON");
                    if (result.finished() && finished == null) {
                        finished = result.content();
                    }
                }
                badTurns = allBad ? badTurns + 1 : 0;
                if (finished != null) {
                    transcript.todos().clear();
                    transcript.todos().addAll(tools.todos());
                    checkpoint.save(transcript);
                    return new Finished(finished);
                }
            }
            transcript.todos().clear();
            transcript.todos().addAll(tools.todos());
            checkpoint.save(transcript);
            if (badTurns >= MAX_BAD_TURNS) {
                return new Failed("the model gave " + MAX_BAD_TURNS + " turns in a row without a usable tool call "
                        + "(malformed tool arguments or no tool call); try a more capable model");
            }
        }
    }

    /** One model call; a retryable failure (rate limit, 5xx, timeout) is retried once if time allows. */
    private ChatReply call(ChatModel chat, ChatRequest request, Instant deadline) {
        try {
            return chat.complete(request);
        } catch (LlmException e) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (!e.retryable() || left.compareTo(settings.retryDelay()) <= 0) {
                throw e;
            }
            sleep(settings.retryDelay());
            return chat.complete(request);
        }
    }

    private static String describe(LlmException e) {
        if ("budget_exceeded".equals(e.code())) {
            return "the build's LLM budget is exhausted (" + e.getMessage() + "); start a new build with a "
                    + "larger budget";
        }
        if ("timeout".equals(e.code())) {
            return "the model did not answer in time (" + e.getMessage() + "); try again later";
        }
        return "the model call failed: " + e.getMessage();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted", 0, "interrupted while waiting to retry the model call", false, e);
        }
    }
}
