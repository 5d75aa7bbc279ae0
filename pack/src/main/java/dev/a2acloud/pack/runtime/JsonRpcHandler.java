package dev.a2acloud.pack.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.a2acloud.pack.PackException;
import dev.a2acloud.pack.model.AgentModel;
import dev.a2acloud.pack.model.InvalidArguments;
import dev.a2acloud.pack.model.SkillModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * JSON-RPC 2.0 at {@code POST /}: {@code SendMessage}/{@code message/send}, {@code SendStreamingMessage}/{@code
 * message/stream} (SSE), {@code GetTask}/{@code tasks/get}, {@code CancelTask}/{@code tasks/cancel}. The {@code
 * A2A-Version} header picks the answer's shape ({@link Wire}); the method name does not.
 *
 * <p>How a message selects a skill: a data part {@code {"skill": "<id>", "arguments": {…}}} names the skill and its
 * arguments; otherwise the text parts (joined by newlines) go to the default skill's single String parameter. The
 * caller's model credentials and workspace grant travel in {@code params.metadata} (or {@code message.metadata}) as
 * {@code llm_creds} and {@code workspace_grant}.
 *
 * <p>Blocking: SendMessage waits for the task to end unless {@code configuration.returnImmediately} (1.0) is true or
 * {@code configuration.blocking} (0.3) is false; then the task is answered in its current state.
 */
final class JsonRpcHandler {
    private static final Set<String> UNSUPPORTED = Set.of(
            "tasks/resubscribe", "SubscribeToTask", "tasks/pushNotificationConfig/set",
            "tasks/pushNotificationConfig/get", "tasks/pushNotificationConfig/list",
            "tasks/pushNotificationConfig/delete", "CreateTaskPushNotificationConfig",
            "GetTaskPushNotificationConfig", "ListTaskPushNotificationConfigs", "ListTaskPushNotificationConfig",
            "DeleteTaskPushNotificationConfig", "agent/getAuthenticatedExtendedCard", "GetExtendedAgentCard",
            "ListTasks", "tasks/list");

    /** Answer to one call: either a JSON body or a stream that writes itself. */
    sealed interface Outcome {
        record Body(ObjectNode json) implements Outcome {
        }

        record Stream(AgentTask task, BlockingQueue<TaskEvent> events, Consumer<TaskEvent> subscriber, Wire wire,
                      JsonNode id) implements Outcome {
        }
    }

    private final AgentModel model;
    private final SkillExecutor executor;
    private final TaskStore tasks;
    private final ContextFactory contexts;
    private final Clock clock;

    /** Builds the run context of a task from the request's credentials and grant. */
    interface ContextFactory {
        RunContextImpl create(AgentTask task, JsonNode llmCreds, String workspaceGrant, String callerToken);
    }

    JsonRpcHandler(AgentModel model, SkillExecutor executor, TaskStore tasks, ContextFactory contexts, Clock clock) {
        this.model = model;
        this.executor = executor;
        this.tasks = tasks;
        this.contexts = contexts;
        this.clock = clock;
    }

    /** @param callerToken the request's bearer token (the caller's credential at the platform), or null */
    Outcome handle(byte[] body, Wire wire, String callerToken) {
        JsonNode request;
        try {
            request = Wire.JSON.readTree(body);
        } catch (IOException e) {
            return error(null, RpcError.PARSE_ERROR, "the body is not JSON: " + firstLine(e.getMessage()), null);
        }
        if (request == null || !request.isObject()) {
            return error(null, RpcError.INVALID_REQUEST, request != null && request.isArray()
                    ? "batch requests are not supported; send one JSON-RPC object" : "the body must be a JSON-RPC 2.0 object", null);
        }
        JsonNode id = request.get("id");
        if (id != null && !(id.isTextual() || id.isNumber() || id.isNull())) {
            return error(null, RpcError.INVALID_REQUEST, "id must be a string, a number or null", "id");
        }
        if (!"2.0".equals(request.path("jsonrpc").asText(null))) {
            return error(id, RpcError.INVALID_REQUEST, "jsonrpc must be \"2.0\"", "jsonrpc");
        }
        JsonNode method = request.get("method");
        if (method == null || !method.isTextual()) {
            return error(id, RpcError.INVALID_REQUEST, "method must be a string", "method");
        }
        JsonNode params = request.get("params");
        if (params != null && !params.isObject()) {
            return error(id, RpcError.INVALID_PARAMS, "params must be an object", "params");
        }
        JsonNode p = params == null ? Wire.JSON.createObjectNode() : params;
        try {
            return switch (method.asText()) {
                case "SendMessage", "message/send" -> send(id, p, wire, callerToken);
                case "SendStreamingMessage", "message/stream" -> stream(id, p, wire, callerToken);
                case "GetTask", "tasks/get" -> result(id, wire.task(find(p).snapshot(), historyLength(p)));
                case "CancelTask", "tasks/cancel" -> cancel(id, p, wire);
                default -> UNSUPPORTED.contains(method.asText())
                        ? error(id, RpcError.UNSUPPORTED_OPERATION, method.asText() + " is not supported by this agent "
                        + "(no push notifications, resubscription, task listing or extended card)", "method")
                        : error(id, RpcError.METHOD_NOT_FOUND, "method '" + method.asText() + "' does not exist; use "
                        + "SendMessage, SendStreamingMessage, GetTask, CancelTask (or the 0.3 names)", "method");
            };
        } catch (RpcError e) {
            return error(id, e.code(), e.getMessage(), e.field());
        } catch (InvalidArguments e) {
            return error(id, RpcError.INVALID_PARAMS, e.getMessage(), e.field());
        } catch (AgentBusy e) {
            return error(id, RpcError.INTERNAL_ERROR, e.getMessage(), e.field());
        } catch (PackException e) {
            return error(id, RpcError.INTERNAL_ERROR, e.getMessage(), e.field());
        }
    }

    private Outcome send(JsonNode id, JsonNode params, Wire wire, String callerToken) {
        AgentTask task = startTask(params, null, callerToken);
        JsonNode config = params.path("configuration");
        boolean immediate = config.path("returnImmediately").asBoolean(false)
                || (config.has("blocking") && !config.path("blocking").asBoolean(true));
        if (!immediate) {
            try {
                // The skill's own timeout ends the task; this wait only guards against a lost wake-up.
                task.await(TimeUnit.SECONDS.toMillis(model.runtime().resources().maxRuntimeSeconds() + 5L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return result(id, wire.sendResult(task.snapshot(), historyLength(config)));
    }

    private Outcome stream(JsonNode id, JsonNode params, Wire wire, String callerToken) {
        BlockingQueue<TaskEvent> events = new LinkedBlockingQueue<>();
        Consumer<TaskEvent> subscriber = events::add;
        AgentTask task = startTask(params, subscriber, callerToken);
        return new Outcome.Stream(task, events, subscriber, wire, id);
    }

    private AgentTask startTask(JsonNode params, Consumer<TaskEvent> subscriber, String callerToken) {
        Msg message = Wire.readMessage(params.get("message"));
        checkOutputModes(params.path("configuration").path("acceptedOutputModes"));
        if (message.taskId() != null) {
            AgentTask existing = tasks.get(message.taskId());
            if (existing == null) {
                throw new RpcError(RpcError.TASK_NOT_FOUND, "task " + message.taskId() + " does not exist on this agent",
                        "params.message.taskId");
            }
            throw new RpcError(RpcError.UNSUPPORTED_OPERATION, "task " + message.taskId() + " is "
                    + existing.state().v03() + " and takes no further messages; send a new message without taskId",
                    "params.message.taskId");
        }
        Selection selection = select(message);
        String contextId = message.contextId() != null ? message.contextId() : Ids.unique();
        AgentTask task = new AgentTask(Ids.task(), contextId, selection.skill().id(),
                new Msg(message.messageId(), false, message.parts(), null, contextId, null), clock);
        JsonNode llmCreds = metadata(params, message, "llm_creds");
        JsonNode grant = metadata(params, message, "workspace_grant");
        RunContextImpl context = contexts.create(task, llmCreds, grant == null ? null : grant.asText(null),
                callerToken);
        Object[] args = selection.skill().bind(selection.arguments(), context);
        if (subscriber != null) {
            task.subscribe(subscriber);
        }
        executor.start(task, selection.skill(), args);
        tasks.put(task);
        return task;
    }

    private static JsonNode metadata(JsonNode params, Msg message, String key) {
        JsonNode v = params.path("metadata").get(key);
        if ((v == null || v.isNull()) && message.metadata() != null) {
            v = message.metadata().get(key);
        }
        return v == null || v.isNull() ? null : v;
    }

    private record Selection(SkillModel skill, JsonNode arguments) {
    }

    private Selection select(Msg message) {
        for (Part part : message.parts()) {
            if (part.isData() && part.data().isObject() && part.data().has("skill")) {
                JsonNode skillId = part.data().get("skill");
                SkillModel skill = skillId.isTextual() ? model.skill(skillId.asText()) : null;
                if (skill == null) {
                    throw new RpcError(RpcError.INVALID_PARAMS, "skill " + skillId + " does not exist; this agent's "
                            + "skills are " + model.skills().keySet(), "params.message.parts.data.skill");
                }
                return new Selection(skill, part.data().get("arguments"));
            }
        }
        StringBuilder text = new StringBuilder();
        for (Part part : message.parts()) {
            if (part.isText()) {
                text.append(text.isEmpty() ? "" : "\n").append(part.text());
            }
        }
        if (text.isEmpty()) {
            throw RpcError.invalidParams("the message has no text and no data part {\"skill\", \"arguments\"}; "
                    + "name a skill of " + model.skills().keySet());
        }
        SkillModel skill = model.defaultSkill();
        if (skill == null) {
            throw RpcError.invalidParams("this agent has no default skill for plain text; send a data part "
                    + "{\"skill\": <one of " + model.skills().keySet() + ">, \"arguments\": {…}}");
        }
        String param = skill.textParameter();
        if (param == null) {
            throw RpcError.invalidParams("the default skill '" + skill.id() + "' takes structured arguments "
                    + skill.inputSchema() + "; send a data part {\"skill\", \"arguments\"}");
        }
        return new Selection(skill, Wire.JSON.createObjectNode().put(param, text.toString()));
    }

    private static void checkOutputModes(JsonNode accepted) {
        if (!accepted.isArray() || accepted.isEmpty()) {
            return;
        }
        for (JsonNode mode : accepted) {
            String m = mode.asText("");
            if (m.equals("text/plain") || m.equals("application/json") || m.equals("*/*") || m.equals("text/*")) {
                return;
            }
        }
        throw RpcError.contentTypeNotSupported("configuration.acceptedOutputModes " + accepted
                + " includes neither text/plain nor application/json, the only outputs of this agent");
    }

    private AgentTask find(JsonNode params) {
        String id = params.path("id").asText(null);
        if (id == null && params.path("name").isTextual()) {
            id = params.path("name").asText().replaceFirst("^tasks/", "");
        }
        if (id == null || id.isBlank()) {
            throw new RpcError(RpcError.INVALID_PARAMS, "params.id (the task id) is required", "params.id");
        }
        AgentTask task = tasks.get(id);
        if (task == null) {
            throw new RpcError(RpcError.TASK_NOT_FOUND, "task " + id + " does not exist on this agent (tasks live in "
                    + "memory of the instance that ran them)", "params.id");
        }
        return task;
    }

    private Outcome cancel(JsonNode id, JsonNode params, Wire wire) {
        AgentTask task = find(params);
        if (!task.finish(TaskState.CANCELED, "canceled by the caller", true)) {
            throw new RpcError(RpcError.TASK_NOT_CANCELABLE, "task " + task.id() + " already ended as "
                    + task.state().v03() + " and cannot be canceled", "params.id");
        }
        return result(id, wire.task(task.snapshot(), null));
    }

    private static Integer historyLength(JsonNode params) {
        JsonNode h = params.get("historyLength");
        return h != null && h.canConvertToInt() ? h.intValue() : null;
    }

    static Outcome result(JsonNode id, JsonNode result) {
        ObjectNode n = Wire.JSON.createObjectNode();
        n.put("jsonrpc", "2.0");
        n.set("id", id);
        n.set("result", result);
        return new Outcome.Body(n);
    }

    static Outcome.Body error(JsonNode id, int code, String message, String field) {
        ObjectNode n = Wire.JSON.createObjectNode();
        n.put("jsonrpc", "2.0");
        n.set("id", id);
        ObjectNode e = n.putObject("error");
        e.put("code", code);
        e.put("message", message);
        if (field != null) {
            e.putObject("data").put("field", field);
        }
        return new Outcome.Body(n);
    }

    /** Writes the SSE stream: the task first, then every event until the final status; one JSON-RPC answer per event. */
    static void writeStream(Outcome.Stream s, OutputStream out) throws IOException {
        try {
            writeEvent(out, s.id(), s.wire().streamTask(s.task().snapshot()));
            if (s.task().state().terminal() && s.events().isEmpty()) {
                return;
            }
            while (true) {
                TaskEvent event = s.events().poll(30, TimeUnit.SECONDS);
                if (event == null) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    continue;
                }
                writeEvent(out, s.id(), s.wire().streamEvent(s.task(), event));
                if (event instanceof TaskEvent.Status st && st.last()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            s.task().unsubscribe(s.subscriber());
        }
    }

    private static void writeEvent(OutputStream out, JsonNode id, JsonNode result) throws IOException {
        ObjectNode n = Wire.JSON.createObjectNode();
        n.put("jsonrpc", "2.0");
        n.set("id", id);
        n.set("result", result);
        out.write("data: ".getBytes(StandardCharsets.UTF_8));
        out.write(Wire.JSON.writeValueAsBytes(n));
        out.write("\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.split("\n")[0];
    }
}
