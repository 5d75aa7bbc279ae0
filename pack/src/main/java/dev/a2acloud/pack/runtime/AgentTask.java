package dev.a2acloud.pack.runtime;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One task and its state machine. Transitions are synchronized so that completion, timeout and cancel race safely:
 * the first terminal transition wins and later ones are refused. Subscribers get every event after they subscribe.
 */
final class AgentTask {
    private final String id;
    private final String contextId;
    private final String skill;
    private final Clock clock;
    private final List<Msg> history = new ArrayList<>();
    private final List<Artifact> artifacts = new ArrayList<>();
    private final List<Consumer<TaskEvent>> subscribers = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private TaskState state = TaskState.SUBMITTED;
    private Msg statusMessage;
    private Instant updatedAt;
    private Thread worker;
    private String errorCode;
    private com.fasterxml.jackson.databind.JsonNode result;

    AgentTask(String id, String contextId, String skill, Msg request, Clock clock) {
        this.id = id;
        this.contextId = contextId;
        this.skill = skill;
        this.clock = clock;
        this.updatedAt = clock.instant();
        if (request != null) {
            history.add(request);
        }
    }

    String id() {
        return id;
    }

    String contextId() {
        return contextId;
    }

    String skill() {
        return skill;
    }

    synchronized void subscribe(Consumer<TaskEvent> subscriber) {
        subscribers.add(subscriber);
    }

    synchronized void unsubscribe(Consumer<TaskEvent> subscriber) {
        subscribers.remove(subscriber);
    }

    synchronized void attachWorker(Thread thread) {
        this.worker = thread;
    }

    /** working, with an optional progress message. Ignored once the task ended. */
    synchronized boolean working(String progress) {
        if (state.terminal()) {
            return false;
        }
        state = TaskState.WORKING;
        statusMessage = progress == null ? null : agentMessage(progress);
        updatedAt = clock.instant();
        publish(new TaskEvent.Status(state, statusMessage, updatedAt, false));
        return true;
    }

    synchronized boolean addArtifact(Artifact artifact) {
        if (state.terminal()) {
            return false;
        }
        artifacts.add(artifact);
        publish(new TaskEvent.ArtifactAdded(artifact));
        return true;
    }

    /** Ends the task unless it already ended; interrupts the worker on cancel/failure from outside. */
    synchronized boolean finish(TaskState terminal, String message, boolean interruptWorker) {
        return finish(terminal, message, interruptWorker, null);
    }

    /** {@code code} is the error code a direct invoke answers with (e.g. {@code skill_timeout}). */
    synchronized boolean finish(TaskState terminal, String message, boolean interruptWorker, String code) {
        if (state.terminal()) {
            return false;
        }
        state = terminal;
        errorCode = code;
        statusMessage = message == null ? null : agentMessage(message);
        if (statusMessage != null) {
            history.add(statusMessage);
        }
        updatedAt = clock.instant();
        publish(new TaskEvent.Status(state, statusMessage, updatedAt, true));
        done.countDown();
        if (interruptWorker && worker != null && worker != Thread.currentThread()) {
            worker.interrupt();
        }
        return true;
    }

    boolean await(long millis) throws InterruptedException {
        return done.await(millis, TimeUnit.MILLISECONDS);
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(id, contextId, state, statusMessage, updatedAt, List.copyOf(artifacts), List.copyOf(history));
    }

    /** The skill's return value, kept for direct invoke answers. */
    synchronized void result(com.fasterxml.jackson.databind.JsonNode value) {
        result = value;
    }

    synchronized com.fasterxml.jackson.databind.JsonNode result() {
        return result;
    }

    synchronized String errorCode() {
        return errorCode;
    }

    synchronized TaskState state() {
        return state;
    }

    private Msg agentMessage(String text) {
        return new Msg(Ids.unique(), true, List.of(Part.text(text)), id, contextId, null);
    }

    private void publish(TaskEvent event) {
        for (Consumer<TaskEvent> s : List.copyOf(subscribers)) {
            s.accept(event);
        }
    }

    record Snapshot(String id, String contextId, TaskState state, Msg statusMessage, Instant updatedAt,
                    List<Artifact> artifacts, List<Msg> history) {
    }
}
