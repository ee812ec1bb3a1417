package dev.workbench.api;

/**
 * What {@link Endpoint#purge} deleted (or, for a dry run, would delete).
 *
 * @param prefix   the endpoint's async-input prefix, {@code s3://bucket/endpoints/<name>/async-input/}
 * @param batches  journal entries of abandoned batches now marked cancelled (a re-run invokes them afresh)
 * @param objects  S3 objects deleted: queued inputs, and outputs or failures already written for abandoned batches
 * @param bytes    their total size
 */
public record PurgeResult(String endpoint, String prefix, int batches, int objects, long bytes, boolean dryRun) {}
