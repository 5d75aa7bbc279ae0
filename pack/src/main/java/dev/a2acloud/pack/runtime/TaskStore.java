package dev.a2acloud.pack.runtime;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tasks of this instance, in memory (an agent instance is ephemeral; the platform records what matters). Bounded:
 * beyond {@code capacity} the oldest ended tasks are forgotten so a busy agent does not grow without limit.
 */
final class TaskStore {
    private final int capacity;
    private final LinkedHashMap<String, AgentTask> tasks = new LinkedHashMap<>();

    TaskStore(int capacity) {
        this.capacity = capacity;
    }

    synchronized void put(AgentTask task) {
        tasks.put(task.id(), task);
        if (tasks.size() > capacity) {
            for (Iterator<Map.Entry<String, AgentTask>> it = tasks.entrySet().iterator();
                 it.hasNext() && tasks.size() > capacity; ) {
                if (it.next().getValue().state().terminal()) {
                    it.remove();
                }
            }
        }
    }

    synchronized AgentTask get(String id) {
        return tasks.get(id);
    }

    synchronized int running() {
        return (int) tasks.values().stream().filter(t -> !t.state().terminal()).count();
    }
}
