package dev.workbench.core.sync;

import dev.workbench.core.aws.Backoff;
import dev.workbench.api.BatchPhase;
import dev.workbench.api.BatchState;
import dev.workbench.api.EndpointNotFoundException;
import dev.workbench.api.Frame;
import dev.workbench.core.job.Answer;
import dev.workbench.core.job.AnswerCheck;
import dev.workbench.api.InferenceOptions;
import dev.workbench.api.ServiceUnreachableException;
import dev.workbench.core.aws.RetryBudget;
import dev.workbench.core.job.RunningJob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

/**
 * The sync round trip: the rows go to InvokeEndpoint as CSV (with header) in batches, {@code threads} at a
 * time. A batch whose body would pass the 6 MB limit is halved until it fits (a single row that does not fit
 * fails with its size). Throttling and 5xx are retried with jittered exponential backoff, connection failures
 * for the job's outage window (then the job stops: the cloud is down); a ModelError batch, or one whose answer
 * fails the {@link AnswerCheck} (bytes, CSV, row count, echoed input columns), is bisected down to the rows that
 * fail, which carry the model's message or the check's reason in {@code inference_error}. A batch with no answer
 * within the invocation timeout (the client's own timeout on the call) is split into up to
 * {@link #TIMEOUT_PARTS} parts, so a slow row is found in a few rounds of the timeout instead of one per
 * halving. The parts of a split are sent at once, on extra workers (at most {@link #TIMEOUT_PARTS} beyond the
 * job's threads). N rows in, N rows out in input order (assembled by the RunningJob by first row).
 *
 * <p>No coordinator thread: {@code threads} workers on the Cloud's bounded executor each take the next batch
 * until none is left; the last one out completes the job. Cancel empties the queue, so nothing more is sent.
 */
public final class SyncRoundTrip {
  /** InvokeEndpoint's payload limit. */
  public static final int MAX_BODY_BYTES = 6_291_456;
  /** How many parts a timed-out batch is split into, and how many workers splits may add to a job's threads. */
  static final int TIMEOUT_PARTS = 16;
  private static final Logger LOG = LoggerFactory.getLogger(SyncRoundTrip.class);

  private final SageMakerRuntimeClient runtime;
  private final ExecutorService executor;
  private final Backoff backoff;
  private final int maxBodyBytes;

  public SyncRoundTrip(SageMakerRuntimeClient runtime, ExecutorService executor) {
    this(runtime, executor, Backoff.DEFAULT, MAX_BODY_BYTES);
  }

  public SyncRoundTrip(SageMakerRuntimeClient runtime, ExecutorService executor, Backoff backoff, int maxBodyBytes) {
    this.runtime = runtime;
    this.executor = executor;
    this.backoff = backoff;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Starts the work for {@code job} (whose input is {@code input}) with default options; returns at once. */
  public void start(RunningJob job, String endpointName, Frame input, int batchSize, int threads) {
    start(job, endpointName, input, batchSize, threads, InferenceOptions.defaults());
  }

  /** As above, with the caller's invocation timeout and outage window. */
  public void start(RunningJob job, String endpointName, Frame input, int batchSize, int threads,
      InferenceOptions options) {
    new Run(job, endpointName, input, batchSize, threads, options).start(threads);
  }

  private record Range(int from, int to) {
    int size() {
      return to - from;
    }
  }

  /** One inference: its queue of batches and its workers. */
  private final class Run {
    private final RunningJob job;
    private final String endpoint;
    private final Frame input;
    private final Frame payload;
    private final ConcurrentLinkedQueue<Range> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger workers = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AnswerCheck check = new AnswerCheck();
    private final int maxWorkers;
    private final Duration timeout;
    private final Duration outageWindow;

    Run(RunningJob job, String endpoint, Frame input, int batchSize, int threads, InferenceOptions options) {
      this.job = job;
      this.endpoint = endpoint;
      this.input = input;
      this.maxWorkers = threads + TIMEOUT_PARTS;
      this.timeout = options.invocationTimeout();
      this.outageWindow = options.outageWindow();
      // A re-run of failed rows must not send the old errors: the model adds its own inference_error.
      this.payload = input.drop(Frame.ERROR_COLUMN);
      for (int from = 0; from < input.rowCount(); from += batchSize) {
        queue.add(new Range(from, Math.min(input.rowCount(), from + batchSize)));
      }
    }

    void start(int threads) {
      job.batchesPlanned(queue.size());
      job.onCancel(() -> {
        stopped.set(true);
        queue.clear();
      });
      int n = Math.max(1, Math.min(threads, queue.size()));
      workers.set(n);
      for (int i = 0; i < n; i++) {
        try {
          executor.execute(this::work);
        } catch (RejectedExecutionException e) {
          stopped.set(true);
          job.fail(new IllegalStateException("the Cloud was closed", e));
          return;
        }
      }
    }

    private void work() {
      guarded(() -> {
        Range r;
        while (!stopped.get() && (r = queue.poll()) != null) {
          send(r);
        }
      });
    }

    /** Runs a worker's share; the last worker out completes the job, a failure that is not the rows' fails it. */
    private void guarded(Runnable share) {
      try {
        share.run();
      } catch (EndpointNotFoundException | ServiceUnreachableException e) {
        stopped.set(true);
        queue.clear();
        job.fail(e);
      } catch (RuntimeException | Error e) {
        LOG.error("Sync inference on {} failed", endpoint, e);
        stopped.set(true);
        queue.clear();
        job.fail(e);
      } finally {
        if (workers.decrementAndGet() == 0 && !stopped.get()) {
          job.complete();
        }
      }
    }

    /** Sends rows [from, to): splits when too big or when the model refuses them. */
    private void send(Range r) {
      if (stopped.get()) {
        return;
      }
      byte[] body = payload.slice(r.from, r.to).toCsv().getBytes(StandardCharsets.UTF_8);
      if (body.length > maxBodyBytes) {
        if (r.size() == 1) {
          failRows(r, "row " + r.from + " is " + body.length + " bytes as CSV, over the "
              + maxBodyBytes + "-byte InvokeEndpoint payload limit");
        } else {
          bisect(r);
        }
        return;
      }
      String id = "sync-" + r.from + "-" + r.to;
      Instant submitted = Instant.now();
      RetryBudget budget = new RetryBudget(backoff.maxAttempts(), outageWindow);
      for (int attempt = 1; ; attempt++) {
        if (stopped.get()) {
          job.batchState(state(id, r, attempt, BatchPhase.CANCELLED, submitted, null));
          return;
        }
        job.batchState(state(id, r, attempt, BatchPhase.SUBMITTED, submitted, null));
        job.rowsInFlight(r.size());
        InvokeEndpointResponse response;
        try {
          job.bytesUp(body.length);
          response = runtime.invokeEndpoint(b -> b.endpointName(endpoint).contentType("text/csv")
              .accept("text/csv").body(SdkBytes.fromByteArray(body))
              .overrideConfiguration(o -> o.apiCallTimeout(timeout)));
        } catch (SdkException e) {
          InvocationOutcome outcome = InvocationOutcome.of(e);
          String message = InvocationOutcome.message(e);
          switch (outcome) {
            case ENDPOINT_MISSING -> throw new EndpointNotFoundException(endpoint, e);
            case MODEL_ERROR -> {
              if (r.size() > 1) {
                job.batchState(state(id, r, attempt, BatchPhase.SPLIT, submitted, message));
                bisect(r);
              } else {
                job.batchState(state(id, r, attempt, BatchPhase.FAILED, submitted, message));
                failRows(r, message);
              }
              return;
            }
            case TIMEOUT -> {
              String timedOut = e instanceof SdkClientException
                  ? "No answer within the invocation timeout of " + seconds(timeout) + " s" : message;
              if (r.size() > 1) {
                job.batchState(state(id, r, attempt, BatchPhase.SPLIT, submitted, timedOut));
                split(r, TIMEOUT_PARTS);
              } else {
                job.batchState(state(id, r, attempt, BatchPhase.FAILED, submitted, timedOut));
                failRows(r, timedOut);
              }
              return;
            }
            case RETRY -> {
              if (budget.another(e) && pause(attempt)) {
                job.retried();
                continue;
              }
              if (stopped.get()) {
                job.batchState(state(id, r, attempt, BatchPhase.CANCELLED, submitted, message));
                return;
              }
              if (budget.unreachable()) {
                throw new ServiceUnreachableException("Sync inference on " + endpoint + " stopped at rows " + r.from
                    + ".." + (r.to - 1) + ": " + new ServiceUnreachableException(outageWindow, e).getMessage(),
                    outageWindow, e);
              }
              job.batchState(state(id, r, attempt, BatchPhase.FAILED, submitted, message));
              failRows(r, "failed after " + attempt + " attempts: " + message);
              return;
            }
            default -> {
              job.batchState(state(id, r, attempt, BatchPhase.FAILED, submitted, message));
              failRows(r, message);
              return;
            }
          }
        } finally {
          job.rowsInFlight(-r.size());
        }
        byte[] out = response.body().asByteArray();
        job.bytesDown(out.length);
        Answer answer = check.check(payload.slice(r.from, r.to), out, "the answer of " + endpoint);
        if (answer instanceof Answer.Refused refused) {
          // Like a model error: split until the rows responsible are alone, so only they carry the reason.
          if (r.size() > 1) {
            job.batchState(state(id, r, attempt, BatchPhase.SPLIT, submitted, refused.reason()));
            bisect(r);
          } else {
            job.batchState(state(id, r, attempt, BatchPhase.FAILED, submitted, refused.reason()));
            failRows(r, refused.reason());
          }
          return;
        }
        job.batchState(state(id, r, attempt, BatchPhase.DONE, submitted, null));
        job.batchDone(r.from, ((Answer.Accepted) answer).rows());
        return;
      }
    }

    private void bisect(Range r) {
      split(r, 2);
    }

    /**
     * Sends {@code r} again as up to {@code parts} parts, all at once: each but the last on a worker of its
     * own while the job has fewer than {@code maxWorkers}, the last (and any beyond that) on this one.
     */
    private void split(Range r, int parts) {
      int n = Math.min(parts, r.size());
      job.split();
      if (n > 2) {
        job.batchesPlanned(n - 2);
      }
      List<Range> pieces = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        pieces.add(new Range(r.from + (int) ((long) r.size() * i / n), r.from + (int) ((long) r.size() * (i + 1) / n)));
      }
      List<Range> here = new ArrayList<>();
      for (int i = 0; i < n - 1; i++) {
        if (!fork(pieces.get(i))) {
          here.add(pieces.get(i));
        }
      }
      here.add(pieces.get(n - 1));
      for (Range piece : here) {
        send(piece);
      }
    }

    /** Sends {@code r} on another worker; false when the job has its most workers or the executor refuses. */
    private boolean fork(Range r) {
      while (true) {
        int now = workers.get();
        if (now >= maxWorkers) {
          return false;
        }
        if (workers.compareAndSet(now, now + 1)) {
          break;
        }
      }
      try {
        executor.execute(() -> guarded(() -> send(r)));
        return true;
      } catch (RejectedExecutionException e) {
        workers.decrementAndGet();
        return false;
      }
    }

    private void failRows(Range r, String message) {
      job.batchDone(r.from, errorRows(r, message));
    }

    private Frame errorRows(Range r, String message) {
      Frame rows = input.slice(r.from, r.to);
      return rows.withColumn(Frame.ERROR_COLUMN, Collections.nCopies(rows.rowCount(), message));
    }

    /** Sleeps before a retry; false when cancelled or interrupted meanwhile. */
    private boolean pause(int attempt) {
      try {
        Thread.sleep(backoff.delay(attempt).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      return !stopped.get();
    }

    private BatchState state(String id, Range r, int attempt, BatchPhase phase, Instant submitted,
        @Nullable String error) {
      return new BatchState(id, r.from, r.size(), attempt, phase, null, null, null, submitted, error);
    }
  }

  private static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
  }
}
