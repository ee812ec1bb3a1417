package dev.workbench.console.task;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A unit of work that runs off the UI thread. The work reports progress through {@link Progress}; the
 * callbacks (success, failure, cancelled, message, progress) are delivered on the UI thread by the
 * {@link TaskExecutor} that runs it, so view-models may touch their properties from them.
 */
public final class BackgroundTask<T> {
  /** What the work may do while it runs (any thread). */
  public interface Progress {
    void message(String message);

    void progress(double done, double total);

    boolean isCancelled();
  }

  private final String title;
  private final Function<Progress, T> work;
  private Consumer<? super T> onSuccess = value -> { };
  private Consumer<Throwable> onFailure = error -> { };
  private Runnable onCancelled = () -> { };
  private Consumer<String> onMessage = message -> { };
  private Consumer<Double> onProgress = fraction -> { };
  private Runnable onFinished = () -> { };

  private BackgroundTask(String title, Function<Progress, T> work) {
    this.title = Objects.requireNonNull(title);
    this.work = Objects.requireNonNull(work);
  }

  public static <T> BackgroundTask<T> of(String title, Function<Progress, T> work) {
    return new BackgroundTask<>(title, work);
  }

  public static BackgroundTask<Void> run(String title, Runnable work) {
    return new BackgroundTask<>(title, p -> {
      work.run();
      return null;
    });
  }

  public BackgroundTask<T> onSuccess(Consumer<? super T> action) { this.onSuccess = action; return this; }

  public BackgroundTask<T> onFailure(Consumer<Throwable> action) { this.onFailure = action; return this; }

  public BackgroundTask<T> onCancelled(Runnable action) { this.onCancelled = action; return this; }

  public BackgroundTask<T> onMessage(Consumer<String> action) { this.onMessage = action; return this; }

  public BackgroundTask<T> onProgress(Consumer<Double> action) { this.onProgress = action; return this; }

  /** Runs after success, failure or cancel (e.g. to clear a "busy" flag). */
  public BackgroundTask<T> onFinished(Runnable action) { this.onFinished = action; return this; }

  public String title() { return title; }

  // The executor's side: it calls these, on the threads it promises.
  T call(Progress progress) { return work.apply(progress); }

  @SuppressWarnings("unchecked")
  void succeeded(@org.jspecify.annotations.Nullable Object value) {
    try {
      ((Consumer<Object>) onSuccess).accept(value);
    } finally {
      onFinished.run();
    }
  }

  void failed(Throwable error) {
    try {
      onFailure.accept(error);
    } finally {
      onFinished.run();
    }
  }

  void cancelled() {
    try {
      onCancelled.run();
    } finally {
      onFinished.run();
    }
  }

  void message(String message) { onMessage.accept(message); }

  void progress(double fraction) { onProgress.accept(fraction); }
}
