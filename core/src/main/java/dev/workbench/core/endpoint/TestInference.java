package dev.workbench.core.endpoint;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceFailedException;
import dev.workbench.api.TestInferenceResult;
import dev.workbench.api.WorkbenchException;
import dev.workbench.core.deploy.ModelSamples;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The smoke test: n rows as one invocation (the batch size is the row count, so sync and serverless endpoints get
 * one InvokeEndpoint and async ones one batch through S3, waking a scaled-to-zero fleet), timed end to end.
 */
final class TestInference {
  /** More than this is no smoke test; run an inference. */
  static final int MAX_ROWS = 10_000;

  private TestInference() {}

  static TestInferenceResult run(Cloud cloud, Endpoint endpoint, int rows) {
    if (rows < 1 || rows > MAX_ROWS) {
      throw new IllegalArgumentException("rows must be between 1 and " + MAX_ROWS + ", was " + rows);
    }
    EndpointDescription d = endpoint.describe();
    String model = d.modelName();
    Frame sample = model == null ? null : ModelSamples.read(cloud, model);
    if (sample == null) {
      throw new WorkbenchException("Endpoint '" + endpoint.name() + "': model " + (model == null ? "(unknown)" : "'" + model + "'")
          + " has no sample to test with; give the rows (testInference(frame), workbench test --input FILE) or keep"
          + " a sample with model.sample(frame) / workbench register-model --sample FILE");
    }
    return run(endpoint, d, sample.slice(0, Math.min(rows, sample.rowCount())));
  }

  static TestInferenceResult run(Endpoint endpoint, Frame rows) {
    return run(endpoint, endpoint.describe(), rows);
  }

  private static TestInferenceResult run(Endpoint endpoint, EndpointDescription d, Frame rows) {
    if (rows.rowCount() == 0) {
      throw new IllegalArgumentException("testInference needs at least one row");
    }
    long start = System.nanoTime();
    Frame out;
    try {
      out = endpoint.inference(rows, o -> o.batchSize(rows.rowCount()));
    } catch (InferenceFailedException e) {
      out = e.result(); // every row failed: the answer still carries each row's error
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    long failed = out.rowCount() == 0 ? rows.rowCount() : out.errorCount();
    return new TestInferenceResult(endpoint.name(), d.kind(), failed == 0, rows.rowCount(), failed, latency,
        out.columns(), firstError(out), out);
  }

  private static @Nullable String firstError(Frame out) {
    if (!out.columns().contains(Frame.ERROR_COLUMN)) {
      return null;
    }
    List<@Nullable String> errors = out.column(Frame.ERROR_COLUMN);
    return errors.stream().filter(e -> e != null && !e.isEmpty()).findFirst().orElse(null);
  }
}
