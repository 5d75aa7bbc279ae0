package dev.a2acloud.controlplane.builds;

import dev.a2acloud.events.EventType;
import java.util.Map;

/**
 * Orders a build's events so out-of-order delivery cannot move a build backwards: a later repair attempt outranks
 * everything of an earlier one; within an attempt the pipeline order decides; a terminal state is final. Pure.
 */
public final class BuildProgression {
    private static final Map<EventType, Integer> ORDER = Map.of(
            EventType.REQUESTED, 1, EventType.GENERATED, 2, EventType.REJECTED, 3, EventType.VALIDATED, 4,
            EventType.PACKAGED, 5, EventType.COMMITTED, 6, EventType.SYNCED, 7, EventType.LIVE, 8,
            EventType.FAILED, 9);
    /** The step that works on a build after each event type. */
    private static final Map<EventType, String> NEXT_STEP = Map.of(
            EventType.REQUESTED, "generate", EventType.GENERATED, "sandbox-validate", EventType.REJECTED, "generate",
            EventType.VALIDATED, "package", EventType.PACKAGED, "git-commit", EventType.COMMITTED, "argo-sync",
            EventType.SYNCED, "card-probe");

    private BuildProgression() {
    }

    /** Position of an event in its build; progress events have none (they never change the state). */
    public static int position(EventType type, int attempt) {
        Integer order = ORDER.get(type);
        return order == null ? -1 : Math.max(attempt, 0) * 100 + order;
    }

    /** True if an event of {@code type}/{@code attempt} moves a build currently at {@code current} forward. */
    public static boolean advances(BuildRecord current, EventType type, int attempt) {
        if (type == EventType.PROGRESS || current.ended()) {
            return false;
        }
        return type.terminal() || position(type, attempt) > current.progress();
    }

    /** The step working on the build after the last event, or null when it has ended. */
    public static String currentStep(String lastType, String status) {
        if (!BuildRecord.RUNNING.equals(status)) {
            return null;
        }
        for (EventType type : EventType.values()) {
            if (type.shortName().equals(lastType)) {
                return NEXT_STEP.get(type);
            }
        }
        return null;
    }

    public static String statusAfter(EventType type) {
        return switch (type) {
            case LIVE -> BuildRecord.LIVE;
            case FAILED -> BuildRecord.FAILED;
            default -> BuildRecord.RUNNING;
        };
    }
}
