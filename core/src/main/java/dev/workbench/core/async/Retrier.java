package dev.workbench.core.async;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs a blocking SDK call on the I/O pool and retries it with full-jitter exponential backoff when it fails
 * in a way worth retrying. The wait between attempts is a timer entry, never a sleeping thread, so a burst of
 * throttling does not tie up the pool.
 */
final class Retrier {
    static final int MAX_ATTEMPTS = 10;
    private static final long BASE_MILLIS = 100;
    private static final long CAP_MILLIS = 5_000;

    private final Executor io;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier closed;

    Retrier(Executor io, ScheduledExecutorService timer, BooleanSupplier closed) {
        this.io = io;
        this.timer = timer;
        this.closed = closed;
    }

    /**
     * @param stopped checked before each attempt: true ends the call with CancellationException
     * @param onRetry told before each retry (for progress accounting)
     */
    <T> CompletableFuture<T> call(Supplier<T> call, BooleanSupplier stopped, Runnable onRetry) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(call, stopped, onRetry, result, 1);
        return result;
    }

    private <T> void attempt(Supplier<T> call, BooleanSupplier stopped, Runnable onRetry, CompletableFuture<T> result, int attempt) {
        Runnable task = () -> {
            if (closed.getAsBoolean() || stopped.getAsBoolean()) {
                result.completeExceptionally(new CancellationException("stopped"));
                return;
            }
            try {
                result.complete(call.get());
            } catch (RuntimeException e) {
                if (attempt < MAX_ATTEMPTS && Retryable.test(e) && !closed.getAsBoolean()) {
                    onRetry.run();
                    long cap = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 16));
                    long delay = ThreadLocalRandom.current().nextLong(cap / 4, cap + 1);
                    try {
                        timer.schedule(() -> attempt(call, stopped, onRetry, result, attempt + 1), delay, TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException closedNow) {
                        result.completeExceptionally(e);
                    }
                } else {
                    result.completeExceptionally(e);
                }
            } catch (Error e) {
                result.completeExceptionally(e);
                throw e;
            }
        };
        try {
            io.execute(task);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new CancellationException("closed"));
        }
    }

    /** The failure inside a CompletionException. */
    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
