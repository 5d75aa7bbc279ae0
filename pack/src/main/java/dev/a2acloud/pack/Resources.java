package dev.a2acloud.pack;

import java.util.regex.Pattern;

/** Resource budget hint for the deployer. Defaults: cpu 100m, memory 256Mi, no GPU, 600 s max runtime. */
public record Resources(String cpu, String memory, int gpu, int maxRuntimeSeconds) {
    private static final Pattern CPU = Pattern.compile("[0-9]+(\\.[0-9]+)?m?");
    private static final Pattern MEMORY = Pattern.compile("[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?");

    public Resources {
        if (cpu == null || !CPU.matcher(cpu).matches()) {
            throw PackException.invalid("runtime.resources.cpu", "'" + cpu + "' is not a CPU quantity; use e.g. 100m or 1");
        }
        if (memory == null || !MEMORY.matcher(memory).matches()) {
            throw PackException.invalid("runtime.resources.memory",
                    "'" + memory + "' is not a memory quantity; use e.g. 256Mi or 1Gi");
        }
        if (gpu < 0) {
            throw PackException.invalid("runtime.resources.gpu", "must be 0 or more, was " + gpu);
        }
        if (maxRuntimeSeconds <= 0) {
            throw PackException.invalid("runtime.resources.max_runtime_seconds", "must be more than 0, was " + maxRuntimeSeconds);
        }
    }

    public static Resources defaults() {
        return new Resources("100m", "256Mi", 0, 600);
    }

    public Resources withCpu(String v) {
        return new Resources(v, memory, gpu, maxRuntimeSeconds);
    }

    public Resources withMemory(String v) {
        return new Resources(cpu, v, gpu, maxRuntimeSeconds);
    }

    public Resources withGpu(int v) {
        return new Resources(cpu, memory, v, maxRuntimeSeconds);
    }

    public Resources withMaxRuntimeSeconds(int v) {
        return new Resources(cpu, memory, gpu, v);
    }
}
