package dev.workbench.console.task;

import java.time.Duration;

/**
 * The one way the console runs work off the UI thread and comes back to it. The JavaFX implementation is
 * {@link FxTaskExecutor}; view-model tests use {@link ImmediateTaskExecutor}, which needs no FX thread.
 */
public interface TaskExecutor extends AutoCloseable {
  /** Runs the task on a worker; its callbacks arrive on the UI thread. */
  <T> TaskHandle execute(BackgroundTask<T> task);

  /** Runs an action on the UI thread (for listeners that fire on other threads, e.g. job progress). */
  void ui(Runnable action);

  /** Runs an action on the UI thread every {@code period} until the handle is cancelled. */
  TaskHandle repeat(Duration period, Runnable action);

  @Override
  void close();
}
