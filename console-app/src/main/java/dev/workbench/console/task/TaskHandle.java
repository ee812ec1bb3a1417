package dev.workbench.console.task;

/** A running {@link BackgroundTask} or repeating action, as its owner sees it. */
public interface TaskHandle {
  /** Asks the work to stop; a running task's {@code onCancelled} follows. */
  void cancel();

  boolean isDone();
}
