package dev.workbench.core.async;

import dev.workbench.api.InferenceOptions;
import dev.workbench.core.aws.Backoff;
import dev.workbench.core.aws.RetryBudget;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs a blocking SDK call on the I/O pool and retries it with full-jitter exponential backoff when it fails
 * in a way worth retrying. The wait between attempts is a timer entry, never a sleeping thread, so a burst of
 * throttling does not tie up the pool. Throttling and 5xx get {@link #MAX_ATTEMPTS} tries in a row; a cloud
 * that cannot be reached at all is tried until the outage window has passed ({@link RetryBudget}), then the
 * call fails with a {@link dev.workbench.api.ServiceUnreachableException}.
 */
final class Retrier {
    static final int MAX_ATTEMPTS = 10;
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), MAX_ATTEMPTS);

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
        return call(call, InferenceOptions.DEFAULT_OUTAGE_WINDOW, stopped, onRetry);
    }

    /** As {@link #call(Supplier, BooleanSupplier, Runnable)}, riding out an unreachable cloud for {@code outageWindow}. */
    <T> CompletableFuture<T> call(Supplier<T> call, Duration outageWindow, BooleanSupplier stopped, Runnable onRetry) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(call, stopped, onRetry, result, new RetryBudget(MAX_ATTEMPTS, outageWindow));
        return result;
    }

    private <T> void attempt(Supplier<T> call, BooleanSupplier stopped, Runnable onRetry, CompletableFuture<T> result,
            RetryBudget budget) {
        Runnable task = () -> {
            if (closed.getAsBoolean() || stopped.getAsBoolean()) {
                result.completeExceptionally(new CancellationException("stopped"));
                return;
            }
            try {
                result.complete(call.get());
            } catch (RuntimeException e) {
                if (!Retryable.test(e)) {
                    result.completeExceptionally(e);
                } else if (budget.another(e) && !closed.getAsBoolean()) {
                    onRetry.run();
                    long delay = BACKOFF.delay(budget.attempts()).toMillis();
                    try {
                        timer.schedule(() -> attempt(call, stopped, onRetry, result, budget), delay, TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException closedNow) {
                        result.completeExceptionally(e);
                    }
                } else {
                    result.completeExceptionally(closed.getAsBoolean() ? e : budget.exhausted(e));
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
