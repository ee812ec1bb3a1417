package dev.workbench.api;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Per-call knobs of an inference. {@code batchSize} and {@code maxInFlight} override the endpoint's meta
 * ({@code inference_batch_size}, {@code inference_max_in_flight}) when set.
 *
 * <p>{@code invocationTimeout}: how long one invocation may take. Async: the InvocationTimeoutSeconds of each
 * InvokeEndpointAsync (1 s to 1 h). Sync: the client gives up on an InvokeEndpoint after it (SageMaker's own
 * limit is 60 s); a batch that times out is split so only the slow rows fail with the timeout.
 *
 * <p>{@code outageWindow}: how long connection failures (refused, reset) are retried before the inference
 * stops with a {@link ServiceUnreachableException}; throttling and 5xx answers are retried a few times each.
 *
 * <p>{@code capture}: evaluate the answer and store it as an inference capture of that name (Workbench's
 * {@code capture_name}): when the rows hold the model's target column, residuals are added (regressors) and the
 * model's metrics computed, and meta, metrics, predictions (and a classifier's confusion matrix) are written under
 * the endpoint's inference folder; {@link Endpoint#captures()} lists them. {@code idColumn} names the column that
 * identifies rows in the stored predictions.
 */
public record InferenceOptions(@Nullable Integer batchSize, @Nullable Integer maxInFlight, int threads,
    Duration invocationTimeout, boolean useJournal, boolean deleteObjects,
    @Nullable Consumer<InferenceProgress> onProgress, Duration outageWindow, @Nullable String capture,
    @Nullable String idColumn) {

  public InferenceOptions(@Nullable Integer batchSize, @Nullable Integer maxInFlight, int threads,
      Duration invocationTimeout, boolean useJournal, boolean deleteObjects,
      @Nullable Consumer<InferenceProgress> onProgress, Duration outageWindow) {
    this(batchSize, maxInFlight, threads, invocationTimeout, useJournal, deleteObjects, onProgress, outageWindow, null,
        null);
  }

  /** Concurrent sync invocations when the caller does not say. */
  public static final int DEFAULT_THREADS = 4;
  /** How long an unreachable cloud is waited for when the caller does not say. */
  public static final Duration DEFAULT_OUTAGE_WINDOW = Duration.ofMinutes(2);

  public InferenceOptions {
    if (batchSize != null && batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
    if (maxInFlight != null && maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1, was " + maxInFlight);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    Objects.requireNonNull(invocationTimeout, "invocationTimeout");
    if (invocationTimeout.isNegative() || invocationTimeout.isZero()) {
      throw new IllegalArgumentException("invocationTimeout must be positive, was " + invocationTimeout);
    }
    Objects.requireNonNull(outageWindow, "outageWindow");
    if (outageWindow.isNegative()) {
      throw new IllegalArgumentException("outageWindow must not be negative, was " + outageWindow);
    }
    if (capture != null && !CAPTURE_NAME.matcher(capture).matches()) {
      throw new IllegalArgumentException("capture name must be 1-100 letters, digits, '_', '-' or '.', starting with a"
          + " letter or digit (it names a folder in S3), was '" + capture + "'");
    }
    if (idColumn != null && idColumn.isBlank()) {
      throw new IllegalArgumentException("idColumn must not be blank");
    }
  }

  private static final java.util.regex.Pattern CAPTURE_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

  public static InferenceOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static InferenceOptions of(Consumer<Builder> options) {
    Builder b = builder();
    options.accept(b);
    return b.build();
  }

  public Builder toBuilder() {
    return new Builder().batchSize(batchSize).maxInFlight(maxInFlight).threads(threads)
        .invocationTimeout(invocationTimeout).useJournal(useJournal).deleteObjects(deleteObjects)
        .onProgress(onProgress).outageWindow(outageWindow).capture(capture).idColumn(idColumn);
  }

  public static final class Builder {
    private @Nullable Integer batchSize;
    private @Nullable Integer maxInFlight;
    private int threads = DEFAULT_THREADS;
    private Duration invocationTimeout = Duration.ofSeconds(3600);
    private boolean useJournal = true;
    private boolean deleteObjects = true;
    private @Nullable Consumer<InferenceProgress> onProgress;
    private Duration outageWindow = DEFAULT_OUTAGE_WINDOW;
    private @Nullable String capture;
    private @Nullable String idColumn;

    private Builder() {}

    public Builder batchSize(@Nullable Integer rows) { this.batchSize = rows; return this; }
    public Builder maxInFlight(@Nullable Integer invocations) { this.maxInFlight = invocations; return this; }
    public Builder threads(int threads) { this.threads = threads; return this; }
    public Builder invocationTimeout(Duration timeout) { this.invocationTimeout = timeout; return this; }
    public Builder useJournal(boolean useJournal) { this.useJournal = useJournal; return this; }
    public Builder deleteObjects(boolean deleteObjects) { this.deleteObjects = deleteObjects; return this; }
    public Builder onProgress(@Nullable Consumer<InferenceProgress> listener) { this.onProgress = listener; return this; }
    /** How long connection failures are retried before the inference stops (0: not at all). */
    public Builder outageWindow(Duration window) { this.outageWindow = window; return this; }
    /** Evaluate and store the answer as the inference capture {@code name} (e.g. "holdout"). */
    public Builder capture(@Nullable String name) { this.capture = name; return this; }
    /** The column identifying rows in a capture's stored predictions. */
    public Builder idColumn(@Nullable String column) { this.idColumn = column; return this; }

    public InferenceOptions build() {
      return new InferenceOptions(batchSize, maxInFlight, threads, invocationTimeout, useJournal, deleteObjects, onProgress,
          outageWindow, capture, idColumn);
    }
  }
}
