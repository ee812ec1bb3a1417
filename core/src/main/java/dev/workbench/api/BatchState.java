package dev.workbench.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One batch as the in-flight view shows it. */
public record BatchState(String inferenceId, int firstRow, int rowCount, int attempt, BatchPhase phase,
    @Nullable String inputLocation, @Nullable String outputLocation, @Nullable String failureLocation,
    Instant submittedAt, @Nullable String error) {}
