package dev.workbench.console.task;

import java.time.Duration;

/**
 * Runs every task on the calling thread and delivers its callbacks there, so view-models can be tested
 * without a JavaFX thread. Repeating actions are not repeated (tests call refresh themselves).
 */
public final class ImmediateTaskExecutor implements TaskExecutor {
  @Override
  public <T> TaskHandle execute(BackgroundTask<T> task) {
    boolean[] cancelled = {false};
    T value;
    try {
      value = task.call(new BackgroundTask.Progress() {
        @Override
        public void message(String message) { task.message(message); }

        @Override
        public void progress(double done, double total) { task.progress(total <= 0 ? 0 : done / total); }

        @Override
        public boolean isCancelled() { return cancelled[0]; }
      });
    } catch (RuntimeException e) {
      task.failed(e);
      return done();
    }
    task.succeeded(value);
    return done();
  }

  private static TaskHandle done() {
    return new TaskHandle() {
      @Override
      public void cancel() { }

      @Override
      public boolean isDone() { return true; }
    };
  }

  @Override
  public synchronized void ui(Runnable action) {
    // synchronized: listeners of a running job may call in from several threads; the caller's state stays consistent
    action.run();
  }

  @Override
  public TaskHandle repeat(Duration period, Runnable action) {
    return done();
  }

  @Override
  public void close() { }
}
