package dev.workbench.api;

import org.jspecify.annotations.Nullable;

/**
 * A serverless variant's ServerlessConfig: memory in MB (1024..6144, in steps of 1024), the most concurrent
 * invocations (1..200) and, when set, how many of those are kept warm (provisioned concurrency, 1..max).
 */
public record ServerlessSettings(int memoryMb, int maxConcurrency, @Nullable Integer provisionedConcurrency) {

  public static final int MIN_MEMORY_MB = 1024;
  public static final int MAX_MEMORY_MB = 6144;
  public static final int MEMORY_STEP_MB = 1024;
  public static final int MAX_CONCURRENCY = 200;
  /** Workbench's to_endpoint defaults. */
  public static final int DEFAULT_MEMORY_MB = 2048;
  public static final int DEFAULT_MAX_CONCURRENCY = 2;

  public ServerlessSettings(int memoryMb, int maxConcurrency) {
    this(memoryMb, maxConcurrency, null);
  }

  /** The values SageMaker would refuse, each naming the field; empty when SageMaker accepts them. */
  public @Nullable String problem() {
    if (memoryMb < MIN_MEMORY_MB || memoryMb > MAX_MEMORY_MB || memoryMb % MEMORY_STEP_MB != 0) {
      return "memory must be one of 1024, 2048, 3072, 4096, 5120 or 6144 MB (SageMaker's serverless sizes), was "
          + memoryMb;
    }
    if (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY) {
      return "maxConcurrency must be between 1 and " + MAX_CONCURRENCY + ", was " + maxConcurrency;
    }
    if (provisionedConcurrency != null && (provisionedConcurrency < 1 || provisionedConcurrency > maxConcurrency)) {
      return "provisionedConcurrency must be between 1 and maxConcurrency (" + maxConcurrency + "), was "
          + provisionedConcurrency;
    }
    return null;
  }

  /** As the CLI and the console show it, e.g. {@code 2 GB / 2 concurrent}. */
  public String summary() {
    String gb = memoryMb % 1024 == 0 ? Integer.toString(memoryMb / 1024) : String.format("%.1f", memoryMb / 1024.0);
    return gb + " GB / " + maxConcurrency + " concurrent"
        + (provisionedConcurrency == null ? "" : " (" + provisionedConcurrency + " provisioned)");
  }
}
