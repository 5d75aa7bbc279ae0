package dev.a2acloud.core.llm.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The offline model's pure parts: skills from prompts, the rewritten descriptor, plain chat, the builder's first steps. */
class OfflineModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void derivesSkillsFromVerbsAndNouns() {
        List<String> ids = PromptSkills.derive("Summarise news articles, translate them and count words.").stream()
                .map(PromptSkills.DerivedSkill::id).toList();
        assertEquals(List.of("summarize_news", "translate", "count_words"), ids);
        assertEquals(List.of("respond"), PromptSkills.derive("something vague").stream()
                .map(PromptSkills.DerivedSkill::id).toList());
        assertEquals(PromptSkills.MAX_SKILLS, PromptSkills.derive("echo reverse count greet shout").size());
    }

    @Test
    void descriptorKeepsTheTemplateAndReplacesSkills() {
        String template = "     1\tname: x\n     2\tversion: 1.0.0\n     3\tdescription: starter\n"
                + "     4\tentrypoint: agent.Agent\n     5\tdefault_skill: echo\n     6\tskills:\n     7\t  echo:\n"
                + "     8\t    timeout_seconds: 5\n     9\tdependencies: []\n";
        String yaml = OfflineAgentSource.descriptor(template, "Reverses \"text\"",
                PromptSkills.derive("reverse text"));
        assertEquals("name: x\nversion: 1.0.0\ndescription: \"Reverses \\\"text\\\"\"\nentrypoint: agent.Agent\n"
                + "default_skill: reverse_text\nskills:\n  reverse_text:\n    timeout_seconds: 10\n"
                + "    idempotent: true\n    cost_class: free\ndependencies: []\n", yaml);
    }

    @Test
    void sourceLiteralsCannotBeBrokenByAPrompt() {
        String literal = OfflineAgentSource.literal("a\"b\\c\u202e\n*/");
        assertEquals("\"a\\\"b\\\\c\\u202e\\u000a*/\"", literal);
    }

    @Test
    void answersChatPlainlyAndSaysItIsOffline() {
        ObjectNode request = JSON.createObjectNode();
        request.putArray("messages").addObject().put("role", "user").put("content", "hi there");
        JsonNode answer = new OfflineModel().complete(request);
        assertEquals("offline", answer.path("model").asText());
        String content = answer.path("choices").path(0).path("message").path("content").asText();
        assertTrue(content.startsWith("[offline model] ") && content.contains("hi there"), content);
        assertEquals("stop", answer.path("choices").path(0).path("finish_reason").asText());
    }

    @Test
    void drivesTheBuilderFromTheTemplate() {
        ObjectNode request = JSON.createObjectNode();
        var tools = request.putArray("tools");
        for (String name : List.of("init_agent_template", "read_file", "write_file", "finish")) {
            tools.addObject().put("type", "function").putObject("function").put("name", name);
        }
        var messages = request.putArray("messages");
        messages.addObject().put("role", "system").put("content", "rules");
        messages.addObject().put("role", "user")
                .put("content", new BuildBrief("echo", "1.0.0", "an agent that echoes text").render());
        JsonNode first = new OfflineModel().complete(request).path("choices").path(0).path("message");
        assertEquals("tool_calls", new OfflineModel().complete(request).path("choices").path(0)
                .path("finish_reason").asText());
        assertEquals(List.of("write_todos", "init_agent_template"),
                first.path("tool_calls").findValuesAsText("name"));
        messages.add(first);
        for (JsonNode call : first.path("tool_calls")) {
            messages.addObject().put("role", "tool").put("tool_call_id", call.path("id").asText()).put("content", "ok");
        }
        JsonNode second = new OfflineModel().complete(request).path("choices").path(0).path("message");
        assertEquals(List.of("read_file"), second.path("tool_calls").findValuesAsText("name"));
    }
}
