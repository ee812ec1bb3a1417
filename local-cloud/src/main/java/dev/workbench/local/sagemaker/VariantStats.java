package dev.workbench.local.sagemaker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/** What happened on one variant since the last metric publication; drained by the publisher. */
final class VariantStats {

    record Sample(Instant time, double value) {}

    final LongAdder invocations = new LongAdder();
    final LongAdder errors4xx = new LongAdder();
    final LongAdder errors5xx = new LongAdder();
    final LongAdder processed = new LongAdder();
    final LongAdder failures = new LongAdder();
    /** Microseconds the model took. */
    final ConcurrentLinkedQueue<Sample> modelLatency = new ConcurrentLinkedQueue<>();
    /** Microseconds spent around the model (routing, capture, faults). */
    final ConcurrentLinkedQueue<Sample> overheadLatency = new ConcurrentLinkedQueue<>();
    /** Serverless: microseconds an invocation waited for compute to start (the cold start). */
    final ConcurrentLinkedQueue<Sample> modelSetupTime = new ConcurrentLinkedQueue<>();
    /** Milliseconds an async request waited in the queue. */
    final ConcurrentLinkedQueue<Sample> timeInBacklog = new ConcurrentLinkedQueue<>();
    /** Milliseconds from an async request's arrival to its result. */
    final ConcurrentLinkedQueue<Sample> totalProcessingTime = new ConcurrentLinkedQueue<>();

    static long drain(LongAdder adder) {
        return adder.sumThenReset();
    }

    static List<Sample> drain(ConcurrentLinkedQueue<Sample> queue) {
        List<Sample> out = new ArrayList<>();
        Sample s;
        while ((s = queue.poll()) != null) {
            out.add(s);
        }
        return out;
    }
}
