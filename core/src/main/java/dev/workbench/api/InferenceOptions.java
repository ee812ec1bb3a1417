package dev.workbench.api;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Per-call knobs of an inference. {@code batchSize} and {@code maxInFlight} override the endpoint's meta
 * ({@code inference_batch_size}, {@code inference_max_in_flight}) when set.
 */
public record InferenceOptions(@Nullable Integer batchSize, @Nullable Integer maxInFlight, int threads,
    Duration invocationTimeout, boolean useJournal, boolean deleteObjects,
    @Nullable Consumer<InferenceProgress> onProgress) {

  /** Concurrent sync invocations when the caller does not say. */
  public static final int DEFAULT_THREADS = 4;

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
  }

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
        .onProgress(onProgress);
  }

  public static final class Builder {
    private @Nullable Integer batchSize;
    private @Nullable Integer maxInFlight;
    private int threads = DEFAULT_THREADS;
    private Duration invocationTimeout = Duration.ofSeconds(3600);
    private boolean useJournal = true;
    private boolean deleteObjects = true;
    private @Nullable Consumer<InferenceProgress> onProgress;

    private Builder() {}

    public Builder batchSize(@Nullable Integer rows) { this.batchSize = rows; return this; }
    public Builder maxInFlight(@Nullable Integer invocations) { this.maxInFlight = invocations; return this; }
    public Builder threads(int threads) { this.threads = threads; return this; }
    public Builder invocationTimeout(Duration timeout) { this.invocationTimeout = timeout; return this; }
    public Builder useJournal(boolean useJournal) { this.useJournal = useJournal; return this; }
    public Builder deleteObjects(boolean deleteObjects) { this.deleteObjects = deleteObjects; return this; }
    public Builder onProgress(@Nullable Consumer<InferenceProgress> listener) { this.onProgress = listener; return this; }

    public InferenceOptions build() {
      return new InferenceOptions(batchSize, maxInFlight, threads, invocationTimeout, useJournal, deleteObjects, onProgress);
    }
  }
}
