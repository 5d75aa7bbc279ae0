package dev.a2acloud.core.llm;

import java.util.function.Consumer;

/** A chat-completions model with tool calling: one request in, the assistant's next message out. */
public interface ChatModel {
    ChatReply complete(ChatRequest request);

    /**
     * Same as {@link #complete} but streamed: {@code onText} sees content deltas as they arrive; the returned reply is
     * the whole message, tool calls included. Models that cannot stream answer in one piece.
     */
    default ChatReply stream(ChatRequest request, Consumer<String> onText) {
        ChatReply reply = complete(request);
        if (reply.message().content() != null && !reply.message().content().isEmpty()) {
            onText.accept(reply.message().content());
        }
        return reply;
    }
}
