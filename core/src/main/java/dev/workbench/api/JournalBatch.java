package dev.workbench.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An async batch recorded in the journal whose results have not been collected yet. */
public record JournalBatch(String endpointName, String inferenceId, String inputLocation, String outputLocation,
    @Nullable String failureLocation, Instant submittedAt, String state) {}
