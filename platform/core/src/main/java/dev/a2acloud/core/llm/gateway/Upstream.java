package dev.a2acloud.core.llm.gateway;

import java.io.IOException;
import java.io.InputStream;

/** Where the gateway sends a chat-completions body it accepted: a provider's endpoint or the offline model. */
public interface Upstream {
    /** {@code body} is the OpenAI request JSON as it goes out; the reply body is streamed back as it arrives. */
    Reply send(byte[] body, boolean stream) throws IOException;

    /** An upstream answer: status, content type and the body to pass through. */
    record Reply(int status, String contentType, InputStream body) {
    }
}
