package dev.a2acloud.pack.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.a2acloud.pack.PackException;
import dev.a2acloud.pack.model.AgentModel;
import dev.a2acloud.pack.model.InvalidArguments;
import dev.a2acloud.pack.model.SkillFailed;
import dev.a2acloud.pack.model.SkillModel;
import java.time.Duration;
import java.util.List;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs skills: one virtual thread per task, at most {@code concurrency} at once (refused beyond, see
 * {@link AgentBusy}), stopped at the skill's timeout (policy {@code timeout_seconds}, else the runtime's
 * {@code max_runtime_seconds}) with the task failed and the thread interrupted. A permit is returned only when the
 * skill's thread really ends, so a skill that ignores interrupts still counts against the limit.
 */
final class SkillExecutor {
    private final AgentModel model;
    private final Semaphore permits;
    private final int concurrency;
    private final ScheduledExecutorService timer;
    private volatile boolean draining;

    SkillExecutor(AgentModel model) {
        this.model = model;
        this.concurrency = model.runtime().concurrency();
        this.permits = new Semaphore(concurrency);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "skill-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
    }

    /** Starts the run; the result lands as an artifact named {@code result} and the task completes. */
    void start(AgentTask task, SkillModel skill, Object[] arguments) {
        if (draining) {
            throw new PackException("the agent is shutting down; retry on another instance", null, true, null);
        }
        if (!permits.tryAcquire()) {
            throw new AgentBusy(concurrency);
        }
        Duration timeout = timeoutOf(skill);
        try {
            Thread worker = Thread.ofVirtual().name("skill-" + skill.id() + "-" + task.id())
                    .unstarted(() -> run(task, skill, arguments));
            task.attachWorker(worker);
            ScheduledFuture<?> deadline = timer.schedule(() -> task.finish(TaskState.FAILED, "skill '" + skill.id()
                    + "' exceeded its timeout of " + seconds(timeout) + " s and was stopped", true, "skill_timeout"),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            task.subscribe(event -> {
                if (event instanceof TaskEvent.Status s && s.last()) {
                    deadline.cancel(false);
                }
            });
            task.working(null);
            worker.start();
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /**
     * The permit is returned before the task is marked ended: a caller that gets its answer and sends the next
     * request at once must find the permit free again.
     */
    private void run(AgentTask task, SkillModel skill, Object[] arguments) {
        JsonNode result = null;
        TaskState end = TaskState.COMPLETED;
        String message = null;
        String code = null;
        try {
            result = skill.invoke(model.agent(), arguments);
        } catch (InterruptedException e) {
            end = TaskState.CANCELED;
            message = "skill '" + skill.id() + "' was interrupted";
            code = "canceled";
        } catch (InvalidArguments e) {
            end = TaskState.REJECTED;
            message = e.getMessage();
            code = "invalid_arguments";
        } catch (SkillFailed e) {
            end = TaskState.FAILED;
            message = e.getMessage();
            code = "skill_failed";
        } catch (RuntimeException | Error e) {
            end = TaskState.FAILED;
            message = "skill '" + skill.id() + "' failed: " + e;
            code = "skill_failed";
        } finally {
            permits.release();
        }
        if (end == TaskState.COMPLETED) {
            task.result(result);
            if (!result.isNull()) {
                Part part = result.isTextual() ? Part.text(result.asText()) : Part.data(result);
                task.addArtifact(new Artifact(Ids.unique(), "result", List.of(part)));
            }
        }
        task.finish(end, message, false, code);
    }

    Duration timeoutOf(SkillModel skill) {
        Double t = skill.policy().timeoutSeconds();
        return t != null ? Duration.ofMillis(Math.round(t * 1000)) : Duration.ofSeconds(model.runtime().resources().maxRuntimeSeconds());
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0);
    }

    int inUse() {
        return concurrency - permits.availablePermits();
    }

    /** Refuses new runs and waits up to {@code grace} for running ones. */
    boolean drain(Duration grace) throws InterruptedException {
        draining = true;
        boolean all = permits.tryAcquire(concurrency, grace.toMillis(), TimeUnit.MILLISECONDS);
        if (all) {
            permits.release(concurrency);
        }
        timer.shutdownNow();
        return all;
    }

    boolean draining() {
        return draining;
    }

}
