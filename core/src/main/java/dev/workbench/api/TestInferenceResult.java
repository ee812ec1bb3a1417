package dev.workbench.api;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Endpoint#testInference} saw: whether every row came back without an error, how many rows were sent
 * and failed, how long the call took (for an async endpoint including a wake-up from zero), the answer's columns,
 * the first row error, and the answer itself.
 */
public record TestInferenceResult(String endpoint, EndpointKind kind, boolean success, int rows, long failedRows,
    Duration latency, List<String> columns, @Nullable String firstError, Frame output) {

  public TestInferenceResult {
    columns = List.copyOf(columns);
  }
}
