package dev.a2acloud.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.a2acloud.core.llm.ChatMessage;
import dev.a2acloud.core.llm.offline.BuildBrief;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The builder's saved loop ({@code agents/<name>/.a2a/transcript.json}): the request, the attempt it belongs to, the
 * turns used and every message. Saved after each turn, so a crashed or scaled-down pod loses at most one turn and the
 * next invocation resumes from it.
 */
record Transcript(BuildBrief brief, boolean publicAgent, int attempt, int turns, List<ChatMessage> messages,
                  List<JsonNode> todos) {
    static final String FILE = ".a2a/transcript.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    Transcript {
        messages = new ArrayList<>(messages);
        todos = todos == null ? new ArrayList<>() : new ArrayList<>(todos);
    }

    static Transcript start(BuildBrief brief, boolean publicAgent, int attempt, String systemPrompt) {
        return new Transcript(brief, publicAgent, attempt, 0,
                List.of(ChatMessage.system(systemPrompt), ChatMessage.user(brief.render())), List.of());
    }

    Transcript withAttempt(int attempt) {
        return new Transcript(brief, publicAgent, attempt, 0, messages, todos);
    }

    Transcript withTurn() {
        return new Transcript(brief, publicAgent, attempt, turns + 1, messages, todos);
    }

    byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new GenerateException("could not encode the transcript: " + e.getMessage(), false, e);
        }
    }

    static Optional<Transcript> load(AgentFiles files, String prefix) {
        Optional<byte[]> bytes = files.read(prefix + FILE);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(bytes.get(), Transcript.class));
        } catch (IOException e) {
            throw new GenerateException("the saved transcript " + prefix + FILE + " is unreadable ("
                    + e.getMessage() + "); start the build again", false, e);
        }
    }

    void save(AgentFiles files, String prefix) {
        files.write(prefix + FILE, toJson());
    }
}
