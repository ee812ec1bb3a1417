package dev.workbench.core.capture;

import dev.workbench.api.BatchResult;
import dev.workbench.api.BatchState;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceJob;
import dev.workbench.api.InferenceProgress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** An inference whose answer is evaluated and stored as a capture before its future completes. */
public final class CapturingJob implements InferenceJob {
  private final InferenceJob job;
  private final CompletableFuture<Frame> future;

  public CapturingJob(InferenceJob job, CapturePlan plan) {
    this.job = job;
    this.future = job.future().thenApply(result -> plan.apply(result).result());
  }

  @Override public String id() { return job.id(); }
  @Override public String endpointName() { return job.endpointName(); }
  @Override public boolean isAsync() { return job.isAsync(); }
  @Override public int totalRows() { return job.totalRows(); }
  @Override public Instant startedAt() { return job.startedAt(); }
  @Override public InferenceProgress progress() { return job.progress(); }
  @Override public void onProgress(Consumer<InferenceProgress> listener) { job.onProgress(listener); }
  @Override public void onBatch(Consumer<BatchResult> listener) { job.onBatch(listener); }
  @Override public List<BatchState> batches() { return job.batches(); }
  @Override public void cancel() { job.cancel(); }
  @Override public CompletableFuture<Frame> future() { return future; }
  @Override public boolean isDone() { return future.isDone(); }

  @Override
  public Frame join() {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
