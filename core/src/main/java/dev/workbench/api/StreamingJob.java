package dev.workbench.api;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * An inference streamed from an input file to an output file (local or {@code s3://}): rows are read a chunk ahead
 * of the ones in flight and written in input order as they finish, so memory stays flat however many rows there
 * are. The output appears, complete, only when the job succeeds; cancel leaves nothing at the output.
 */
public interface StreamingJob {
  String endpointName();

  /** The input and output as given. */
  String input();

  String output();

  Instant startedAt();

  /** Progress over the whole input: rows written plus the progress of the chunks in flight. */
  InferenceProgress progress();

  /** Stops reading and submitting, cancels the chunks in flight and removes the partial output. */
  void cancel();

  /** Waits for the end: the counts of the rows written. */
  StreamResult join();

  CompletableFuture<StreamResult> future();

  boolean isDone();
}
