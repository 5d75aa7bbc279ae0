package dev.a2acloud.core.llm.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic stand-in for a language model, behind the same chat-completions API, so the platform works with no
 * model configured. Two behaviours:
 * <ul>
 *   <li>Offered the builder's tools ({@code init_agent_template} … {@code finish}), it drives the build: start from the
 *   template, read {@code a2a.yaml} for the entrypoint, write an agent whose skills come from the request's verbs and
 *   nouns ({@link PromptSkills}), then finish. Its next step is read off the conversation (which tools it already
 *   called since the last user message), so a resumed or repaired conversation continues correctly.</li>
 *   <li>Otherwise it answers plainly, saying it is the offline model.</li>
 * </ul>
 * Its model id is {@value #MODEL_ID} and every text it writes starts with {@value #PREFIX}.
 */
public final class OfflineModel {
    public static final String MODEL_ID = "offline";
    public static final String PREFIX = "[offline model] ";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^\\s*(?:\\d+\\t)?entrypoint:\\s*[\"']?([A-Za-z_$][\\w.$]*)");

    /** The answer to one chat-completions request, as the JSON an OpenAI-compatible server returns. */
    public ObjectNode complete(JsonNode request) {
        JsonNode messages = request.path("messages");
        Turn turn = offersBuilderTools(request.path("tools")) ? builderTurn(messages) : chatTurn(messages);
        ObjectNode response = JSON.createObjectNode();
        response.put("id", "chatcmpl-offline-" + Integer.toHexString(messages.toString().hashCode()));
        response.put("object", "chat.completion");
        response.put("created", 0);
        response.put("model", MODEL_ID);
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", turn.content());
        message.putNull("refusal");
        if (!turn.calls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            int i = 0;
            for (Call call : turn.calls()) {
                ObjectNode c = calls.addObject();
                c.put("id", "call_offline_" + messages.size() + "_" + i++);
                c.put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", call.arguments().toString());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", turn.calls().isEmpty() ? "stop" : "tool_calls");
        long prompt = messages.toString().length() / 4 + 1;
        long completion = message.toString().length() / 4 + 1;
        response.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return response;
    }

    private record Call(String name, ObjectNode arguments) {
    }

    private record Turn(String content, List<Call> calls) {
    }

    private static boolean offersBuilderTools(JsonNode tools) {
        boolean init = false;
        boolean finish = false;
        for (JsonNode tool : tools) {
            String name = tool.path("function").path("name").asText();
            init |= name.equals("init_agent_template");
            finish |= name.equals("finish");
        }
        return init && finish;
    }

    private static Turn chatTurn(JsonNode messages) {
        String last = "";
        for (JsonNode m : messages) {
            if ("user".equals(m.path("role").asText())) {
                last = text(m.path("content"));
            }
        }
        String shown = last.length() > 500 ? last.substring(0, 500) + "..." : last;
        return new Turn(PREFIX + "No language model is configured on this platform, so this is a fixed answer. "
                + "You said: \"" + shown.strip() + "\"", List.of());
    }

    private Turn builderTurn(JsonNode messages) {
        BuildBrief brief = null;
        int lastUser = -1;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText())) {
                lastUser = i;
                if (brief == null) {
                    brief = BuildBrief.parse(text(m.path("content"))).orElse(null);
                }
            }
        }
        if (brief == null) {
            return new Turn(PREFIX + "I cannot find the build request (Agent name / Version / Request).",
                    List.of(new Call("finish", args().put("summary",
                            PREFIX + "no build request found; nothing was written"))));
        }
        List<String> called = new ArrayList<>();
        String a2aYaml = null;
        String readCallId = null;
        String initCallId = null;
        String templateFiles = "";
        for (int i = lastUser + 1; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if ("assistant".equals(m.path("role").asText())) {
                for (JsonNode call : m.path("tool_calls")) {
                    String name = call.path("function").path("name").asText();
                    called.add(name);
                    if (name.equals("read_file")) {
                        readCallId = call.path("id").asText();
                    } else if (name.equals("init_agent_template")) {
                        initCallId = call.path("id").asText();
                    }
                }
            } else if ("tool".equals(m.path("role").asText()) && readCallId != null
                    && readCallId.equals(m.path("tool_call_id").asText())) {
                a2aYaml = text(m.path("content"));
            } else if ("tool".equals(m.path("role").asText()) && initCallId != null
                    && initCallId.equals(m.path("tool_call_id").asText())) {
                templateFiles = text(m.path("content"));
            }
        }
        List<PromptSkills.DerivedSkill> skills = PromptSkills.derive(brief.prompt());
        if (!called.contains("init_agent_template")) {
            ArrayNode todos = JSON.createArrayNode();
            todos.addObject().put("content", "Start from the A2A Pack template").put("status", "in_progress");
            todos.addObject().put("content", "Write skills: " + skills.stream().map(PromptSkills.DerivedSkill::id)
                    .toList()).put("status", "pending");
            todos.addObject().put("content", "Finish").put("status", "pending");
            ObjectNode todoArgs = args();
            todoArgs.set("todos", todos);
            return new Turn(PREFIX + "Starting agent '" + brief.agent() + "' from the template.",
                    List.of(new Call("write_todos", todoArgs), new Call("init_agent_template", args())));
        }
        if (!called.contains("read_file")) {
            return new Turn(PREFIX + "Reading a2a.yaml to find the entrypoint.",
                    List.of(new Call("read_file", args().put("path", "a2a.yaml"))));
        }
        if (!called.contains("write_file")) {
            return new Turn(PREFIX + "Writing " + skills.size() + " skill(s).", writeAgent(brief, skills, a2aYaml, templateFiles));
        }
        return new Turn(PREFIX + "Done.", List.of(new Call("finish", args().put("summary", PREFIX + "wrote agent '"
                + brief.agent() + "' with skills " + skills.stream().map(PromptSkills.DerivedSkill::id).toList()
                + " from the template; no language model was configured"))));
    }

    private static List<Call> writeAgent(BuildBrief brief, List<PromptSkills.DerivedSkill> skills, String a2aYaml,
                                         String templateFiles) {
        String entrypoint = "agent.Agent";
        if (a2aYaml != null) {
            Matcher m = ENTRYPOINT.matcher(a2aYaml);
            if (m.find()) {
                entrypoint = m.group(1);
            }
        }
        List<Call> calls = new ArrayList<>();
        // Overwrite the template's source of the entrypoint class wherever the template keeps it.
        String simple = entrypoint.substring(entrypoint.lastIndexOf('.') + 1);
        String source = templateFiles.lines().map(String::strip)
                .filter(l -> l.startsWith("agent/") && l.endsWith("/" + simple + ".java")).findFirst()
                .orElse(OfflineAgentSource.path(entrypoint));
        calls.add(new Call("write_file", args().put("path", source)
                .put("content", OfflineAgentSource.render(entrypoint, skills))));
        if (a2aYaml != null) {
            calls.add(new Call("write_file", args().put("path", "a2a.yaml").put("content",
                    OfflineAgentSource.descriptor(a2aYaml, oneLine(brief.prompt())
                            + " (written by the A2A Cloud offline model)", skills))));
        }
        calls.add(new Call("write_file", args().put("path", "tests/AgentTests.java")
                .put("content", OfflineAgentSource.tests(skills))));
        for (PromptSkills.DerivedSkill skill : skills) {
            calls.add(new Call("write_agent_skill", args().put("name", skill.id().replace('_', '-'))
                    .put("description", skill.description())
                    .put("instructions", "Call the `" + skill.id() + "` skill with the text to work on. "
                            + "Written by the A2A Cloud offline model for the request: " + oneLine(brief.prompt()))));
        }
        return calls;
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }

    private static ObjectNode args() {
        return JSON.createObjectNode();
    }

    /** Message content is a string or an array of text parts. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content) {
            out.append(part.path("text").asText());
        }
        return out.toString();
    }
}
