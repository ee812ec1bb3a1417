package dev.workbench.console.task;


import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.concurrent.Task;


/**
 * The bridge between background work and the JavaFX thread: a small pool of named daemon workers runs each
 * {@link BackgroundTask} inside a {@link javafx.concurrent.Task}, whose state changes JavaFX reports on the FX
 * thread. Nothing else in the console creates threads or calls Platform.runLater.
 */
public final class FxTaskExecutor implements TaskExecutor {
  private final ExecutorService workers;
  private final java.util.List<Timeline> timelines = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private static final TaskHandle DONE = new TaskHandle() {
    @Override
    public void cancel() { }

    @Override
    public boolean isDone() { return true; }
  };

  public FxTaskExecutor(int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "console-worker-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.workers = Executors.newFixedThreadPool(threads, factory);
  }

  @Override
  public <T> TaskHandle execute(BackgroundTask<T> task) {
    if (closed) {
      // the window is closing: late refreshes have nowhere to report to
      return DONE;
    }
    Task<T> fx = new Task<>() {
      @Override
      protected T call() {
        Task<T> self = this;
        return task.call(new BackgroundTask.Progress() {
          @Override
          public void message(String message) { updateMessage(message); }

          @Override
          public void progress(double done, double total) { updateProgress(done, total); }

          @Override
          public boolean isCancelled() { return self.isCancelled(); }
        });
      }
    };
    fx.messageProperty().addListener((o, was, now) -> task.message(now));
    fx.progressProperty().addListener((o, was, now) -> task.progress(now.doubleValue()));
    fx.setOnSucceeded(e -> task.succeeded(fx.getValue()));
    fx.setOnFailed(e -> task.failed(fx.getException()));
    fx.setOnCancelled(e -> task.cancelled());
    workers.execute(fx);
    return new TaskHandle() {
      @Override
      public void cancel() { fx.cancel(true); }

      @Override
      public boolean isDone() { return fx.isDone(); }
    };
  }

  @Override
  public void ui(Runnable action) {
    if (Platform.isFxApplicationThread()) {
      action.run();
    } else {
      Platform.runLater(action);
    }
  }

  @Override
  public TaskHandle repeat(java.time.Duration period, Runnable action) {
    Timeline timeline = new Timeline(new KeyFrame(javafx.util.Duration.millis(period.toMillis()), e -> action.run()));
    timeline.setCycleCount(Animation.INDEFINITE);
    timelines.add(timeline);
    ui(timeline::play);
    return new TaskHandle() {
      @Override
      public void cancel() { ui(timeline::stop); }

      @Override
      public boolean isDone() { return timeline.getStatus() == Animation.Status.STOPPED; }
    };
  }

  @Override
  public void close() {
    closed = true;
    timelines.forEach(t -> ui(t::stop));
    workers.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
