package dev.a2acloud.core.llm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link ChatModel} over any OpenAI-compatible endpoint (our gateway, LiteLLM, a provider) through the official
 * OpenAI Java SDK. The bearer token is the LLM grant (or a LiteLLM virtual key). The SDK's own retries are off: the
 * caller decides, from {@link LlmException#retryable()}, whether a failed turn is worth another try.
 */
public final class OpenAiChatModel implements ChatModel, AutoCloseable {
    private final OpenAIClient client;

    public OpenAiChatModel(String baseUrl, String bearerToken, Duration timeout) {
        this.client = OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl)
                .apiKey(bearerToken)
                .maxRetries(0)
                .timeout(timeout)
                .build();
    }

    @Override
    public ChatReply complete(ChatRequest request) {
        ChatCompletion completion;
        try {
            completion = client.chat().completions().create(params(request, false));
        } catch (RuntimeException e) {
            throw translate(e);
        }
        return toReply(completion);
    }

    @Override
    public ChatReply stream(ChatRequest request, Consumer<String> onText) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> chunks = client.chat().completions()
                .createStreaming(params(request, true))) {
            chunks.stream().forEach(chunk -> {
                accumulator.accumulate(chunk);
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(onText));
            });
        } catch (RuntimeException e) {
            throw translate(e);
        }
        return toReply(accumulator.chatCompletion());
    }

    @Override
    public void close() {
        client.close();
    }

    private static ChatCompletionCreateParams params(ChatRequest request, boolean stream) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model(request.model())
                .maxTokens(request.maxTokens());
        if (stream) {
            params.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        }
        for (ChatMessage message : request.messages()) {
            switch (message.role()) {
                case "system" -> params.addSystemMessage(nullToEmpty(message.content()));
                case "user" -> params.addUserMessage(nullToEmpty(message.content()));
                case "assistant" -> params.addMessage(assistant(message));
                case "tool" -> params.addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(message.toolCallId()).content(nullToEmpty(message.content())).build());
                default -> throw new IllegalArgumentException("unknown chat role '" + message.role() + "'");
            }
        }
        for (ToolSpec tool : request.tools()) {
            FunctionParameters.Builder schema = FunctionParameters.builder();
            tool.parameters().forEach((key, value) -> schema.putAdditionalProperty(key, JsonValue.from(value)));
            params.addTool(ChatCompletionFunctionTool.builder()
                    .function(FunctionDefinition.builder().name(tool.name()).description(tool.description())
                            .parameters(schema.build()).build())
                    .build());
        }
        return params.build();
    }

    private static ChatCompletionAssistantMessageParam assistant(ChatMessage message) {
        ChatCompletionAssistantMessageParam.Builder builder = ChatCompletionAssistantMessageParam.builder();
        if (message.content() != null) {
            builder.content(message.content());
        }
        for (ToolCall call : message.toolCalls()) {
            builder.addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                    .id(call.id())
                    .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                            .name(call.name()).arguments(call.arguments()).build())
                    .build());
        }
        return builder.build();
    }

    private static ChatReply toReply(ChatCompletion completion) {
        if (completion.choices().isEmpty()) {
            throw new LlmException("upstream_error", 502, "the model answered with no choices", true);
        }
        ChatCompletion.Choice choice = completion.choices().getFirst();
        List<ToolCall> calls = new ArrayList<>();
        for (ChatCompletionMessageToolCall call : choice.message().toolCalls().orElse(List.of())) {
            call.function().ifPresent(f -> calls.add(
                    new ToolCall(f.id(), f.function().name(), f.function().arguments())));
        }
        TokenUsage usage = completion.usage()
                .map(u -> new TokenUsage(u.promptTokens(), u.completionTokens()))
                .orElse(TokenUsage.NONE);
        String finish = choice._finishReason().asKnown().map(f -> f.asString()).orElse(calls.isEmpty() ? "stop"
                : "tool_calls");
        return new ChatReply(completion.model(),
                ChatMessage.assistant(choice.message().content().orElse(null), calls), finish, usage);
    }

    /** Gateway answers keep their LiteLLM error code so the caller can tell a budget from a rate limit. */
    static LlmException translate(RuntimeException e) {
        if (e instanceof OpenAIServiceException service) {
            int status = service.statusCode();
            String code = service.code().orElse(errorField(service.body(), "code"));
            String type = service.type().orElse(errorField(service.body(), "type"));
            String message = errorField(service.body(), "message");
            // LiteLLM puts the HTTP status in "code" and the kind of error in "type"
            String reason = code != null && !code.matches("\\d+") ? code : firstNonBlank(type, "http_" + status);
            if ("budget_exceeded".equals(type) || "budget_exceeded".equals(code)) {
                reason = "budget_exceeded";
            }
            boolean retryable = status == 429 || status >= 500;
            return new LlmException(reason, status, "the model gateway answered HTTP " + status + " ("
                    + reason + "): " + firstNonBlank(message, e.getMessage(), ""), retryable, e);
        }
        if (e instanceof OpenAIIoException io) {
            boolean timeout = io.getCause() instanceof java.io.InterruptedIOException;
            return new LlmException(timeout ? "timeout" : "unreachable", 0, timeout
                    ? "the model did not answer in time; retry or raise the timeout"
                    : "cannot reach the model gateway: " + io.getMessage(), true, e);
        }
        if (e instanceof LlmException llm) {
            return llm;
        }
        return new LlmException("upstream_error", 0, "the model answered something unreadable: " + e.getMessage(),
                false, e);
    }

    private static String errorField(JsonValue body, String field) {
        try {
            Object value = body.convert(Map.class);
            if (value instanceof Map<?, ?> map && map.get("error") instanceof Map<?, ?> error
                    && error.get(field) != null) {
                return String.valueOf(error.get(field));
            }
        } catch (RuntimeException ignored) {
            // not our error shape; the status alone must do
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
