package dev.workbench.console.service;

import dev.workbench.api.Frame;
import dev.workbench.api.InferenceJob;
import dev.workbench.core.csv.CsvBatch;
import dev.workbench.core.csv.CsvBatches;
import dev.workbench.core.csv.CsvFrames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/** CSV files and inference runs. Blocking methods: call them from background tasks. */
public final class InferenceService {
  private final ConnectionService connection;

  public InferenceService(ConnectionService connection) {
    this.connection = connection;
  }

  public CsvPreview preview(Path file, int rows) {
    return new CsvPreview(file, CsvFrames.head(file, rows));
  }

  /**
   * Reads the whole file, streamed in batches so memory holds one copy; {@code rowsRead} is told as it goes
   * and {@code cancelled} is checked between batches.
   */
  public @Nullable Frame load(Path file, IntConsumer rowsRead, BooleanSupplier cancelled) {
    List<Frame> parts = new ArrayList<>();
    try (CsvBatches batches = CsvBatches.open(file, 50_000)) {
      for (CsvBatch batch : batches) {
        if (cancelled.getAsBoolean()) {
          return null;
        }
        parts.add(batch.rows());
        rowsRead.accept(batch.endRow());
      }
      return parts.isEmpty() ? Frame.empty(batches.columns()) : Frame.concat(parts);
    }
  }

  /** Starts a run; it goes on in the core's own threads. */
  public InferenceJob submit(String endpoint, Frame input) {
    return connection.current().cloud().endpoint(endpoint).submit(input);
  }

  /** Stops a run: no more submissions, its S3 objects cleaned up. */
  public void cancel(InferenceJob job) {
    job.cancel();
  }

  public List<InferenceJob> jobs() {
    return connection.isConnected() ? connection.current().cloud().jobs() : List.of();
  }

  public void save(Frame frame, Path file) {
    frame.writeCsv(file);
  }
}
