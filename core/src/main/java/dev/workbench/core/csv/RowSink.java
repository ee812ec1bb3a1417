package dev.workbench.core.csv;

import dev.workbench.api.Frame;
import java.util.List;
import java.util.Optional;

/**
 * Where a streamed inference writes its rows, in input order, as they come: nothing is visible at the target
 * until {@link #commit()}. {@link #discard()} removes every trace; {@link #close()} after neither keeps what a
 * resumed run may continue from (a crash does the same).
 */
public interface RowSink extends AutoCloseable {
  /** What an earlier run of the same input already wrote (and checkpointed), when this run continues it. */
  Optional<Resumed> resumed();

  /** The rows written and checkpointed by an earlier run, and the header it wrote. */
  record Resumed(long rows, long failed, List<String> columns) {}

  /** Writes the header line; once, before any row, unless resumed. */
  void header(List<String> columns);

  /** Appends rows whose columns are the header's, in its order. */
  void write(Frame rows);

  /** Everything written so far is durable; a resumed run continues after {@code rows} rows. */
  void checkpoint(long rows, long failed);

  /** Makes the complete output visible at the target, atomically. */
  void commit();

  /** Removes what was written (and any checkpoint); the target is left as it was. */
  void discard();

  /** Without commit or discard: keeps a checkpointed partial output for a resumed run (a no-op after either). */
  @Override
  void close();

  /** The target as the user named it (a path, an s3:// URI). */
  String target();
}
