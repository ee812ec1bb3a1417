package dev.workbench.local.sagemaker;

import dev.workbench.local.model.ModelFailure;
import dev.workbench.local.model.ModelInput;
import dev.workbench.local.model.ModelOutput;
import dev.workbench.local.spi.CloudContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Runs one invocation on one instance, for sync and async requests alike: injected crashes, poisoned rows
 * and added latency first, then the model under a deadline, then latency statistics and data capture.
 */
final class Invoker {

    private final CloudContext context;

    Invoker(CloudContext context) {
        this.context = context;
    }

    /**
     * The model's answer, or a {@link ModelFailure}. {@code inferenceId} is set for async requests: the
     * model running is then counted for it.
     */
    ModelOutput invoke(LiveEndpoint endpoint, VariantFleet fleet, Instance instance, ModelInput input, Duration timeout,
            @Nullable String inferenceId) {
        long start = System.nanoTime();
        if (context.faults().takeContainerCrash(endpoint.name)) {
            fleet.crash(instance, context.timing().coldStart());
            throw new ModelFailure(500, "The model container of endpoint " + endpoint.name
                    + " crashed while serving the request (injected fault).");
        }
        if (inferenceId != null) {
            context.stats().countInference(inferenceId);
        }
        checkPoisonedRows(input);
        Duration added = context.faults().addedLatency();
        if (!added.isZero()) {
            sleep(added);
        }
        VariantStats stats = endpoint.stats(fleet.variantName);
        long modelStart = System.nanoTime();
        ModelOutput output;
        try {
            output = withDeadline(timeout, () -> instance.model.invoke(input));
        } catch (ModelFailure e) {
            // What an engineer reads first when rows fail: the reason, in the instance's log stream.
            fleet.log(instance.id, "ERROR invocation" + (inferenceId == null ? "" : " " + inferenceId) + " failed ("
                    + e.statusCode() + "): " + e.getMessage());
            throw e;
        }
        long modelMicros = (System.nanoTime() - modelStart) / 1000;
        stats.modelLatency.add(new VariantStats.Sample(context.clock().instant(), modelMicros));
        DataCapture capture = endpoint.capture;
        if (capture != null) {
            capture.record(fleet.variantName, input.body(), input.contentType(), output.body(), output.contentType(), inferenceId);
        }
        long totalMicros = (System.nanoTime() - start) / 1000;
        if (inferenceId == null) {
            stats.overheadLatency.add(new VariantStats.Sample(context.clock().instant(), Math.max(0, totalMicros - modelMicros)));
        }
        return output;
    }

    /** Each CSV data line (the header excluded) is asked whether it is poisoned before the model sees it. */
    private void checkPoisonedRows(ModelInput input) {
        String type = input.contentType().toLowerCase();
        if (!(type.contains("csv") || type.startsWith("text/"))) {
            return;
        }
        String text = new String(input.body(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (!line.isEmpty() && context.faults().poisonedRow(line)) {
                throw new ModelFailure(400, "row " + i + " failed in the model (injected fault): " + line);
            }
        }
    }

    private interface Call {
        ModelOutput run();
    }

    private ModelOutput withDeadline(Duration timeout, Call call) {
        Thread worker = Thread.currentThread();
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> alarm = context.scheduler().schedule(() -> {
            late.set(true);
            worker.interrupt();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ModelOutput output = call.run();
            if (late.get()) {
                throw timedOut(timeout);
            }
            return output;
        } catch (ModelFailure e) {
            throw late.get() ? timedOut(timeout) : e;
        } catch (RuntimeException e) {
            throw late.get() ? timedOut(timeout) : new ModelFailure(500, "The model failed: " + e);
        } finally {
            alarm.cancel(false);
            if (late.get()) {
                Thread.interrupted(); // the alarm's interrupt must not leak into the thread's next task
            }
        }
    }

    private static ModelFailure timedOut(Duration timeout) {
        return new ModelFailure(408, "The model did not answer within the invocation timeout of " + timeout.toSeconds() + " s.");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelFailure(500, "Interrupted");
        }
    }
}
