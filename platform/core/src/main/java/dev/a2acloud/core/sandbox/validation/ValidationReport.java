package dev.a2acloud.core.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.a2acloud.events.StageTiming;
import java.nio.file.Path;
import java.util.List;

/**
 * What validation found. Passed: {@code card}, {@code sourceDigest} ({@code sha256:<hex>}, see {@link SourceDigest}),
 * {@code jar} (the compiled agent jar on the host) and every stage's timing. Failed: {@code failure} names the first
 * failing stage; timings cover the stages that ran.
 */
public record ValidationReport(JsonNode card, String sourceDigest, Path jar, List<StageTiming> stages,
                               StageFailure failure) {
    public ValidationReport {
        stages = List.copyOf(stages);
    }

    public boolean passed() {
        return failure == null;
    }

    public long totalMillis() {
        return stages.stream().mapToLong(StageTiming::millis).sum();
    }
}
