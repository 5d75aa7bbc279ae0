package dev.a2acloud.core.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Memory, pids and CPU limits through cgroups: v2 where the host has a unified hierarchy
 * ({@code cgroup.controllers} at the root), v1 otherwise. Only usable where this process may create groups (root,
 * or a delegated subtree); {@link #none()} otherwise, and the sandbox falls back to rlimits.
 */
final class Cgroups {
    private static final Logger LOG = Logger.getLogger(Cgroups.class.getName());
    private static final AtomicLong SEQUENCE = new AtomicLong();

    enum Version { NONE, V1, V2 }

    private final Version version;
    /** v1: one base folder per controller (memory, pids, cpu); v2: the one base folder. */
    private final List<Path> bases;

    private Cgroups(Version version, List<Path> bases) {
        this.version = version;
        this.bases = bases;
    }

    static Cgroups none() {
        return new Cgroups(Version.NONE, List.of());
    }

    Version version() {
        return version;
    }

    /** Finds a cgroup hierarchy under {@code root} (normally {@code /sys/fs/cgroup}) in which groups can be created. */
    static Cgroups detect(Path root, Path selfCgroup) {
        try {
            if (Files.exists(root.resolve("cgroup.controllers"))) {
                // Unified: the group goes under the root (our own group has processes, so v2's "no internal
                // processes" rule forbids enabling controllers below it).
                Path base = root.resolve("a2a-sandbox");
                Files.createDirectories(base);
                tryWrite(root.resolve("cgroup.subtree_control"), "+memory +pids +cpu");
                tryWrite(base.resolve("cgroup.subtree_control"), "+memory +pids +cpu");
                return new Cgroups(Version.V2, List.of(base));
            }
            List<Path> bases = new ArrayList<>();
            List<String> own = Files.exists(selfCgroup) ? Files.readAllLines(selfCgroup) : List.of();
            for (String controller : List.of("memory", "pids", "cpu")) {
                Path hierarchy = root.resolve(controller);
                if (!Files.isDirectory(hierarchy)) {
                    continue;
                }
                // Nest below our own group so any limit placed on us still holds for the sandbox.
                Path base = hierarchy.resolve(ownPath(own, controller)).resolve("a2a-sandbox");
                Files.createDirectories(base);
                bases.add(base);
            }
            return bases.isEmpty() ? none() : new Cgroups(Version.V1, List.copyOf(bases));
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "cgroups not usable here (" + e + "); limits fall back to rlimits");
            return none();
        }
    }

    private static String ownPath(List<String> selfCgroupLines, String controller) {
        for (String line : selfCgroupLines) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && List.of(parts[1].split(",")).contains(controller)) {
                String p = parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
                return p;
            }
        }
        return "";
    }

    /** Creates a group with the request's limits; the caller must {@link Group#delete()} it. */
    Group create(SandboxRequest request) {
        if (version == Version.NONE) {
            return null;
        }
        String name = "run-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        List<Path> dirs = new ArrayList<>();
        try {
            for (Path base : bases) {
                Path dir = base.resolve(name);
                Files.createDirectory(dir);
                dirs.add(dir);
            }
            Group group = new Group(version, dirs);
            group.applyLimits(request);
            return group;
        } catch (IOException | RuntimeException e) {
            new Group(version, dirs).delete();
            throw SandboxException.unavailable("cannot create a cgroup for the sandbox: " + e.getMessage(), e);
        }
    }

    private static boolean tryWrite(Path file, String value) {
        try {
            Files.writeString(file, value);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** One sandbox run's group (one folder per v1 controller, or one v2 folder). */
    static final class Group {
        private final Version version;
        private final List<Path> dirs;

        Group(Version version, List<Path> dirs) {
            this.version = version;
            this.dirs = dirs;
        }

        /** The files a process writes its pid into to join the group. */
        List<Path> procsFiles() {
            return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
        }

        void applyLimits(SandboxRequest request) throws IOException {
            for (Path dir : dirs) {
                if (version == Version.V2) {
                    if (request.memoryMiB() > 0) {
                        Files.writeString(dir.resolve("memory.max"), Long.toString(bytes(request)));
                        tryWrite(dir.resolve("memory.swap.max"), "0");
                    }
                    if (request.pids() > 0) {
                        Files.writeString(dir.resolve("pids.max"), Integer.toString(request.pids()));
                    }
                    if (request.cpus() > 0) {
                        Files.writeString(dir.resolve("cpu.max"), quota(request) + " 100000");
                    }
                    continue;
                }
                if (request.memoryMiB() > 0 && Files.exists(dir.resolve("memory.limit_in_bytes"))) {
                    Files.writeString(dir.resolve("memory.limit_in_bytes"), Long.toString(bytes(request)));
                    // With swap accounting, also cap memory+swap so the limit cannot be dodged by swapping.
                    tryWrite(dir.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes(request)));
                }
                if (request.pids() > 0 && Files.exists(dir.resolve("pids.max"))) {
                    Files.writeString(dir.resolve("pids.max"), Integer.toString(request.pids()));
                }
                if (request.cpus() > 0 && Files.exists(dir.resolve("cpu.cfs_quota_us"))) {
                    Files.writeString(dir.resolve("cpu.cfs_period_us"), "100000");
                    Files.writeString(dir.resolve("cpu.cfs_quota_us"), Long.toString(quota(request)));
                }
            }
        }

        private static long bytes(SandboxRequest request) {
            return request.memoryMiB() * 1024L * 1024L;
        }

        private static long quota(SandboxRequest request) {
            return Math.max(1000, Math.round(request.cpus() * 100_000));
        }

        /** True when the kernel's OOM killer ended a process of this group. */
        boolean oomKilled() {
            for (Path dir : dirs) {
                Path file = dir.resolve(version == Version.V2 ? "memory.events" : "memory.oom_control");
                if (counter(file, "oom_kill") > 0) {
                    return true;
                }
            }
            return false;
        }

        /** True when a fork was refused because the group was at its pids limit. */
        boolean pidsLimitHit() {
            for (Path dir : dirs) {
                if (counter(dir.resolve("pids.events"), "max") > 0) {
                    return true;
                }
            }
            return false;
        }

        private static long counter(Path file, String key) {
            if (!Files.exists(file)) {
                return 0;
            }
            try {
                for (String line : Files.readAllLines(file)) {
                    String[] kv = line.trim().split("\\s+");
                    if (kv.length == 2 && kv[0].equals(key)) {
                        return Long.parseLong(kv[1]);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
            return 0;
        }

        /** SIGKILLs every process still in the group (the whole tree, whatever it forked). */
        void killAll() {
            for (Path dir : dirs) {
                if (version == Version.V2 && tryWrite(dir.resolve("cgroup.kill"), "1")) {
                    continue;
                }
                for (int round = 0; round < 50; round++) {
                    List<Long> pids = pids(dir);
                    if (pids.isEmpty()) {
                        break;
                    }
                    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                    sleepQuietly(2);
                }
            }
        }

        private static List<Long> pids(Path dir) {
            try {
                return Files.readAllLines(dir.resolve("cgroup.procs")).stream()
                        .filter(s -> !s.isBlank()).map(Long::parseLong).toList();
            } catch (IOException | NumberFormatException e) {
                return List.of();
            }
        }

        /** Removes the group's folders; kills leftovers first (a group with processes cannot be removed). */
        void delete() {
            for (Path dir : dirs) {
                for (int attempt = 0; attempt < 100; attempt++) {
                    try {
                        Files.deleteIfExists(dir);
                        break;
                    } catch (IOException busy) {
                        pids(dir).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                        sleepQuietly(5);
                    }
                }
            }
        }

        private static void sleepQuietly(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
