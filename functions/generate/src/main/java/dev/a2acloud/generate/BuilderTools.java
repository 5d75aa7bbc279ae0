package dev.a2acloud.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.a2acloud.core.llm.ToolCall;
import dev.a2acloud.core.llm.ToolSpec;
import dev.a2acloud.core.workspace.WorkspaceException;
import dev.a2acloud.core.workspace.WorkspacePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The builder's tools, run against the agent's workspace folder through the workspace grant. Paths the model gives
 * are project-relative ({@code a2a.yaml}, {@code /agent/Agent.java}, or the full {@code agents/<name>/…}); anything
 * that normalises outside the folder, names another agent or touches {@code .a2a/} is refused — as a tool error the
 * model can read and correct, never as a failure of the build.
 */
final class BuilderTools {
    static final int MAX_WRITE_BYTES = 512 * 1024;
    static final int MAX_READ_CHARS = 64 * 1024;
    static final int MAX_GREP_HITS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SKILL_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** What running one tool call gave: text for the model, whether it is an error, whether the build is done. */
    record Result(String content, boolean error, boolean finished) {
        static Result ok(String content) {
            return new Result(content, false, false);
        }

        static Result error(String content) {
            return new Result("Error: " + content, true, false);
        }
    }

    /** Receives progress worth showing a person: kind ({@code tool_called}, {@code file_written}, …) and a message. */
    interface Progress {
        void report(String kind, String message);
    }

    private final AgentFiles files;
    private final String prefix;
    private final String agent;
    private final String version;
    private final AgentTemplate template;
    private final ProjectTester tester;
    private final BuilderSkills skills;
    private final Progress progress;
    private final List<JsonNode> todos = new ArrayList<>();

    BuilderTools(AgentFiles files, String agent, String version, AgentTemplate template, ProjectTester tester,
                 BuilderSkills skills, Progress progress) {
        this.files = files;
        this.prefix = "agents/" + agent + "/";
        this.agent = agent;
        this.version = version;
        this.template = template;
        this.tester = tester;
        this.skills = skills;
        this.progress = progress;
    }

    List<JsonNode> todos() {
        return todos;
    }

    Result run(ToolCall call) {
        JsonNode args;
        try {
            args = call.arguments() == null || call.arguments().isBlank() ? JSON.createObjectNode()
                    : JSON.readTree(call.arguments());
        } catch (JsonProcessingException e) {
            return Result.error("the arguments of `" + call.name() + "` are not valid JSON (" + e.getOriginalMessage()
                    + "); call it again with a JSON object matching its schema");
        }
        if (!args.isObject()) {
            return Result.error("the arguments of `" + call.name() + "` must be a JSON object");
        }
        progress.report("tool_called", call.name() + describe(args));
        try {
            return switch (call.name()) {
                case "ls" -> ls(args);
                case "read_file" -> readFile(args);
                case "write_file" -> writeFile(text(args, "path"), text(args, "content"));
                case "edit_file" -> editFile(args);
                case "glob" -> glob(args);
                case "grep" -> grep(args);
                case "write_todos" -> writeTodos(args);
                case "init_agent_template" -> initTemplate();
                case "write_agent_skill" -> writeAgentSkill(args);
                case "test_agent_in_sandbox" -> testInSandbox();
                case "finish" -> finish(args);
                default -> Result.error("there is no tool `" + call.name() + "`; use one of " + names());
            };
        } catch (ToolError e) {
            return Result.error(e.getMessage());
        } catch (WorkspaceException e) {
            if (e.retryable()) {
                throw e;
            }
            return Result.error(e.getMessage());
        }
    }

    private Result ls(JsonNode args) {
        String dir = args.path("path").asText("");
        String base = dir.isBlank() || dir.equals("/") || dir.equals(".") ? prefix : resolvePrefix(dir);
        TreeSet<String> entries = new TreeSet<>();
        for (String path : files.list(base)) {
            String rest = path.substring(base.length());
            int slash = rest.indexOf('/');
            entries.add(slash < 0 ? rest : rest.substring(0, slash + 1));
        }
        entries.removeIf(e -> base.equals(prefix) && e.equals(".a2a/"));
        return Result.ok(entries.isEmpty() ? "(empty)" : String.join("\n", entries));
    }

    private Result readFile(JsonNode args) {
        String raw = text(args, "path");
        long offset = Math.max(0, args.path("offset").asLong(0));
        long limit = args.path("limit").asLong(2000);
        if (limit <= 0) {
            limit = 2000;
        }
        String content;
        if (raw.startsWith(BuilderSkills.ROOT) || raw.startsWith(BuilderSkills.ROOT.substring(1))) {
            content = skills.read(raw).orElseThrow(() -> new ToolError("no builder skill bundle at '" + raw
                    + "'; the bundles are listed in the system prompt"));
        } else {
            String path = resolve(raw, false);
            content = files.read(path).map(b -> new String(b, StandardCharsets.UTF_8))
                    .orElseThrow(() -> new ToolError("'" + raw + "' does not exist; use ls or glob to see the files"));
        }
        String[] lines = content.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (long i = offset; i < lines.length && i < offset + limit; i++) {
            out.append(String.format("%6d\t%s%n", i + 1, lines[(int) i]));
            if (out.length() > MAX_READ_CHARS) {
                out.append("… (cut; read on with offset)\n");
                break;
            }
        }
        return Result.ok(out.isEmpty() ? "(no lines at offset " + offset + ")" : out.toString());
    }

    private Result writeFile(String raw, String content) {
        String path = resolve(raw, true);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_WRITE_BYTES) {
            throw new ToolError("'" + raw + "' would be " + bytes.length + " bytes; the limit is " + MAX_WRITE_BYTES);
        }
        files.write(path, bytes);
        progress.report("file_written", path.substring(prefix.length()) + " (" + bytes.length + " bytes)");
        return Result.ok("wrote " + path.substring(prefix.length()) + " (" + bytes.length + " bytes)");
    }

    private Result editFile(JsonNode args) {
        String raw = text(args, "path");
        String oldString = text(args, "old_string");
        String newString = args.path("new_string").isTextual() ? args.get("new_string").asText() : null;
        if (newString == null) {
            throw new ToolError("`new_string` (a string) is required");
        }
        if (oldString.isEmpty()) {
            throw new ToolError("`old_string` must not be empty; use write_file to create a file");
        }
        boolean all = args.path("replace_all").asBoolean(false);
        String path = resolve(raw, true);
        String content = files.read(path).map(b -> new String(b, StandardCharsets.UTF_8))
                .orElseThrow(() -> new ToolError("'" + raw + "' does not exist"));
        int count = 0;
        for (int i = content.indexOf(oldString); i >= 0; i = content.indexOf(oldString, i + oldString.length())) {
            count++;
        }
        if (count == 0) {
            throw new ToolError("`old_string` was not found in '" + raw + "'; read the file and copy the text exactly");
        }
        if (count > 1 && !all) {
            throw new ToolError("`old_string` occurs " + count + " times in '" + raw
                    + "'; give more context to make it unique or set replace_all");
        }
        String updated = all ? content.replace(oldString, newString) : replaceFirst(content, oldString, newString);
        return writeFile(raw, updated).content().startsWith("wrote")
                ? Result.ok("replaced " + (all ? count : 1) + " occurrence(s) in " + path.substring(prefix.length()))
                : Result.error("could not write " + raw);
    }

    private Result glob(JsonNode args) {
        String pattern = text(args, "pattern");
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.replaceFirst("^/", ""));
        } catch (IllegalArgumentException e) {
            throw new ToolError("bad glob '" + pattern + "': " + e.getMessage());
        }
        List<String> hits = projectFiles().stream().filter(p -> matcher.matches(Path.of(p))).toList();
        return Result.ok(hits.isEmpty() ? "(no files match " + pattern + ")" : String.join("\n", hits));
    }

    private Result grep(JsonNode args) {
        Pattern regex;
        try {
            regex = Pattern.compile(text(args, "pattern"));
        } catch (PatternSyntaxException e) {
            throw new ToolError("bad regular expression: " + e.getDescription());
        }
        String under = args.path("path").asText("");
        String base = under.isBlank() || under.equals("/") ? "" : resolvePrefix(under).substring(prefix.length());
        Optional<PathMatcher> only = args.hasNonNull("glob")
                ? Optional.of(FileSystems.getDefault().getPathMatcher("glob:" + args.get("glob").asText()))
                : Optional.empty();
        List<String> hits = new ArrayList<>();
        for (String rel : projectFiles()) {
            if (!rel.startsWith(base) || only.map(m -> !m.matches(Path.of(rel))).orElse(false)) {
                continue;
            }
            String[] lines = files.read(prefix + rel).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("")
                    .split("\n");
            for (int i = 0; i < lines.length && hits.size() < MAX_GREP_HITS; i++) {
                if (regex.matcher(lines[i]).find()) {
                    hits.add(rel + ":" + (i + 1) + ": " + lines[i]);
                }
            }
        }
        return Result.ok(hits.isEmpty() ? "(no matches)" : String.join("\n", hits));
    }

    private Result writeTodos(JsonNode args) {
        JsonNode list = args.get("todos");
        if (list == null || !list.isArray()) {
            throw new ToolError("`todos` must be an array of {content, status}");
        }
        todos.clear();
        StringBuilder out = new StringBuilder("todos updated:\n");
        for (JsonNode todo : list) {
            todos.add(todo);
            out.append("- [").append(todo.path("status").asText("pending")).append("] ")
                    .append(todo.path("content").asText()).append('\n');
        }
        return Result.ok(out.toString());
    }

    private Result initTemplate() {
        Map<String, byte[]> template = this.template.files(agent, version);
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : new java.util.TreeMap<>(template).entrySet()) {
            String path = resolve(file.getKey(), true);
            files.write(path, file.getValue());
            written.add(file.getKey());
        }
        progress.report("file_written", "template: " + written.size() + " files");
        return Result.ok("the A2A Pack template is in place (name " + agent + ", version " + version + "):\n"
                + String.join("\n", written));
    }

    private Result writeAgentSkill(JsonNode args) {
        String name = text(args, "name");
        if (name.length() > 64 || !SKILL_NAME.matcher(name).matches()) {
            throw new ToolError("skill bundle name '" + name
                    + "' must be lower case letters, digits and single '-', at most 64 characters");
        }
        String description = text(args, "description").replaceAll("\\s+", " ").strip();
        if (description.isEmpty()) {
            throw new ToolError("`description` must say what the skill does");
        }
        String body = args.path("instructions").asText("");
        String skillMd = "---\nname: " + name + "\ndescription: " + yamlScalar(description) + "\n---\n\n" + body
                + (body.endsWith("\n") ? "" : "\n");
        return writeFile("skills/" + name + "/SKILL.md", skillMd);
    }

    private Result testInSandbox() {
        if (files.read(prefix + "a2a.yaml").isEmpty()) {
            throw new ToolError("the project has no a2a.yaml yet; call init_agent_template first");
        }
        ProjectTester.Outcome outcome = tester.test(prefix, version);
        progress.report("tests_run", outcome.passed() ? "passed: " + outcome.summary()
                : "failed at " + outcome.stage() + ": " + outcome.reason());
        if (outcome.passed()) {
            return Result.ok("passed: " + outcome.summary());
        }
        return new Result("failed at stage " + outcome.stage() + ": " + outcome.reason() + "\n--- log tail ---\n"
                + outcome.logTail(), true, false);
    }

    private Result finish(JsonNode args) {
        if (files.read(prefix + "a2a.yaml").isEmpty()) {
            throw new ToolError("the project has no a2a.yaml; call init_agent_template and write the agent first");
        }
        String summary = args.path("summary").asText("").strip();
        return new Result(summary.isEmpty() ? "finished" : summary, false, true);
    }

    /** Project-relative paths of every file except builder state. */
    private List<String> projectFiles() {
        return files.list(prefix).stream().map(p -> p.substring(prefix.length()))
                .filter(p -> !p.startsWith(".a2a/")).sorted().toList();
    }

    /** The bucket path for a model-given file path, or a {@link ToolError} saying why it is refused. */
    String resolve(String raw, boolean forWrite) {
        String relative = relative(raw);
        String normal;
        try {
            normal = WorkspacePath.file(relative);
        } catch (WorkspaceException e) {
            throw new ToolError(e.getMessage() + "; paths are relative to the project root of " + prefix);
        }
        if (forWrite && (normal.equals(".a2a") || normal.startsWith(".a2a/"))) {
            throw new ToolError("'" + raw + "' is under .a2a/, which the platform reserves; write elsewhere");
        }
        return prefix + normal;
    }

    private String resolvePrefix(String raw) {
        String relative = relative(raw);
        try {
            return prefix + WorkspacePath.prefix(relative);
        } catch (WorkspaceException e) {
            throw new ToolError(e.getMessage() + "; paths are relative to the project root of " + prefix);
        }
    }

    private String relative(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ToolError("`path` is required");
        }
        String p = raw.strip();
        if (p.startsWith("/" + prefix)) {
            p = p.substring(prefix.length() + 1);
        } else if (p.startsWith(prefix)) {
            p = p.substring(prefix.length());
        } else if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.startsWith("agents/") || p.startsWith("../") || p.equals("..") || p.contains("/../")
                || p.startsWith("~")) {
            throw new ToolError("'" + raw + "' is outside this agent's workspace (" + prefix + "); the grant only "
                    + "covers that folder");
        }
        return p;
    }

    private static String text(JsonNode args, String field) {
        JsonNode value = args.get(field);
        if (value == null || !value.isTextual()) {
            throw new ToolError("`" + field + "` (a string) is required");
        }
        return value.asText();
    }

    private static String describe(JsonNode args) {
        JsonNode path = args.get("path");
        return path != null && path.isTextual() ? " " + path.asText() : "";
    }

    private static String replaceFirst(String content, String oldString, String newString) {
        int at = content.indexOf(oldString);
        return content.substring(0, at) + newString + content.substring(at + oldString.length());
    }

    private static String yamlScalar(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static List<String> names() {
        return specs().stream().map(ToolSpec::name).toList();
    }

    /** A refusal the model should see and can correct. */
    static final class ToolError extends RuntimeException {
        ToolError(String message) {
            super(message, null, false, false);
        }
    }

    /** The JSON Schemas offered to the model. */
    static List<ToolSpec> specs() {
        return List.of(
                tool("ls", "List the files and folders of a project folder (default: the project root).",
                        props(Map.of("path", str("folder, relative to the project root"))), List.of()),
                tool("read_file", "Read a file with line numbers. Also reads builder skill bundles "
                                + "(/builder-skills/<name>/SKILL.md).",
                        props(Map.of("path", str("file path"), "offset", integer("first line, 0-based"),
                                "limit", integer("number of lines, default 2000"))), List.of("path")),
                tool("write_file", "Create or overwrite a file.",
                        props(Map.of("path", str("file path"), "content", str("the whole file"))),
                        List.of("path", "content")),
                tool("edit_file", "Replace exact text in a file: old_string must occur once unless replace_all.",
                        props(Map.of("path", str("file path"), "old_string", str("text to replace, exactly"),
                                "new_string", str("replacement"), "replace_all",
                                Map.of("type", "boolean", "description", "replace every occurrence"))),
                        List.of("path", "old_string", "new_string")),
                tool("glob", "Project files matching a glob, e.g. agent/**/*.java.",
                        props(Map.of("pattern", str("glob pattern"))), List.of("pattern")),
                tool("grep", "Lines matching a regular expression, as path:line: text.",
                        props(Map.of("pattern", str("Java regular expression"), "path", str("folder to search"),
                                "glob", str("only files matching this glob"))), List.of("pattern")),
                tool("write_todos", "Replace the plan: a list of {content, status} with status pending, "
                                + "in_progress or completed.",
                        props(Map.of("todos", Map.of("type", "array", "items", Map.of("type", "object",
                                "properties", Map.of("content", str("what to do"), "status", str("state")),
                                "required", List.of("content", "status"))))), List.of("todos")),
                tool("init_agent_template", "Write the A2A Pack project template (a2a.yaml, agent sources) with "
                        + "this build's name and version into the project. Overwrites template files.",
                        props(Map.of()), List.of()),
                tool("write_agent_skill", "Write skills/<name>/SKILL.md (Agent Skills format) for one of the "
                                + "agent's skills.",
                        props(Map.of("name", str("bundle name: lower case, digits, '-'"),
                                "description", str("one sentence: what it does and when to use it"),
                                "instructions", str("Markdown body: inputs, outputs, examples"))),
                        List.of("name", "description", "instructions")),
                tool("test_agent_in_sandbox", "Compile the project, print and check its card, run its tests, in "
                        + "the sandbox: the same stages validation runs. Returns passed or the failing stage "
                        + "with the log tail.", props(Map.of()), List.of()),
                tool("finish", "The project is complete: hand it to validation and deployment.",
                        props(Map.of("summary", str("what was built"))), List.of("summary")));
    }

    private static ToolSpec tool(String name, String description, Map<String, Object> properties,
                                 List<String> required) {
        return new ToolSpec(name, description, Map.of("type", "object", "properties", properties,
                "required", required));
    }

    private static Map<String, Object> props(Map<String, Object> properties) {
        return properties;
    }

    private static Map<String, Object> str(String description) {
        return Map.of("type", "string", "description", description);
    }

    private static Map<String, Object> integer(String description) {
        return Map.of("type", "integer", "description", description);
    }
}
