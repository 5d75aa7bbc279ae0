package agent;

import dev.a2acloud.pack.Param;
import dev.a2acloud.pack.RunContext;
import dev.a2acloud.pack.Skill;

/**
 * The agent: each public @Skill method is a skill on the Agent Card. Parameters become the skill's input schema,
 * the return value its output schema. Declare a RunContext parameter to use ctx.llm(), ctx.sandbox(),
 * ctx.workspace(), progress messages and artifacts.
 */
public class Agent {

    /** What {@link #stats} returns; a record becomes a JSON object in the output schema. */
    public record TextStats(@Param("number of words") int words,
                            @Param("number of characters") int characters,
                            @Param("number of lines") int lines) {
    }

    @Skill(id = "echo", name = "Echo", description = "Returns the text it is given.",
            tags = {"text", "example"}, examples = {"hello"}, defaultForText = true)
    public String echo(@Param("the text to echo") String text) {
        return text;
    }

    @Skill(id = "stats", name = "Text statistics", description = "Counts the words, characters and lines of a text.",
            tags = {"text", "analysis"}, examples = {"{\"text\": \"one two three\"}"})
    public TextStats stats(@Param("the text to measure") String text, RunContext ctx) {
        ctx.progress("counting");
        String trimmed = text.strip();
        int words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        return new TextStats(words, text.length(), text.isEmpty() ? 0 : (int) text.lines().count());
    }
}
