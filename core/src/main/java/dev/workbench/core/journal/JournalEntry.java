package dev.workbench.core.journal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One async batch as the journal holds it.
 *
 * @param contentKey  hash of the endpoint, the batch's place in its input and its CSV: how a re-run finds earlier work
 * @param generation  bumped each time the same content is invoked afresh (after an earlier run collected it)
 * @param state       {@link JournalState}
 * @param error       the failure message when the batch failed
 * @param result      the collected rows (CSV) until the job that collected them has handed them out
 * @param owner       the participant (process and round trip) that invoked it, null in journals written before owners
 */
public record JournalEntry(String inferenceId, String contentKey, int generation, String endpointName,
        String inputLocation, @Nullable String outputLocation, @Nullable String failureLocation,
        int firstRow, int rowCount, Instant submittedAt, JournalState state,
        @Nullable String error, @Nullable String result, @Nullable String owner) {}
