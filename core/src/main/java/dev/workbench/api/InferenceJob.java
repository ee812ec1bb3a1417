package dev.workbench.api;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** An inference running in this process: progress, partial results, cancel, and the result. */
public interface InferenceJob {
  String id();

  String endpointName();

  boolean isAsync();

  int totalRows();

  Instant startedAt();

  /** A snapshot of the progress now. */
  InferenceProgress progress();

  /** Called off the caller's thread whenever the progress changes. */
  void onProgress(Consumer<InferenceProgress> listener);

  /** Called as batches finish, with their rows (partial results). */
  void onBatch(Consumer<BatchResult> listener);

  /** The batches in flight and recently finished. */
  List<BatchState> batches();

  /** Stops submitting and cleans up; {@link #future()} completes exceptionally with CancellationException. */
  void cancel();

  /** Waits for the full result (N rows in, N rows out, in input order). */
  Frame join();

  CompletableFuture<Frame> future();

  boolean isDone();
}
