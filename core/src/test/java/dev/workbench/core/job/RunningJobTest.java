package dev.workbench.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.BatchResult;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceFailedException;
import dev.workbench.api.InferenceProgress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunningJobTest {

    private static Frame input(int rows) {
        Frame.Builder b = Frame.builder("id", "smiles");
        for (int i = 0; i < rows; i++) {
            b.row(String.format("%03d", i), "C" + i);
        }
        return b.build();
    }

    private static Frame answered(Frame rows) {
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();
        for (int i = 0; i < rows.rowCount(); i++) {
            out.add("p" + rows.get(i, "id"));
            err.add(null);
        }
        return rows.withColumn("prediction", out).withColumn(Frame.ERROR_COLUMN, err);
    }

    private static Frame failed(Frame rows, String message) {
        return rows.withColumn(Frame.ERROR_COLUMN, Collections.nCopies(rows.rowCount(), message));
    }

    @Test
    void batchesFinishingOutOfOrderComeBackInInputOrderWithFailedRowsAligned() {
        Frame in = input(25);
        RunningJob job = new RunningJob("ep", true, in, null);
        job.batchesPlanned(3);
        job.batchDone(20, answered(in.slice(20, 25)));
        job.batchDone(10, failed(in.slice(10, 20), "model said no"));
        job.batchDone(0, answered(in.slice(0, 10)));
        job.complete();

        Frame out = job.join();
        assertEquals(25, out.rowCount());
        assertEquals(List.of("id", "smiles", "prediction", Frame.ERROR_COLUMN), out.columns());
        for (int i = 0; i < 25; i++) {
            assertEquals(String.format("%03d", i), out.get(i, "id"));
        }
        assertEquals("p000", out.get(0, "prediction"));
        assertNull(out.get(12, "prediction"));
        assertEquals("model said no", out.get(12, Frame.ERROR_COLUMN));
        assertNull(out.get(22, Frame.ERROR_COLUMN));
        assertEquals(10, out.errorCount());
        InferenceProgress p = job.progress();
        assertEquals(25, p.rowsDone());
        assertEquals(10, p.rowsFailed());
        assertEquals(3, p.batchesDone());
        assertEquals(1, p.batchesFailed());
        assertTrue(p.finished());
    }

    @Test
    void everyRowFailedRaisesInferenceFailedCarryingTheRows() {
        Frame in = input(4);
        RunningJob job = new RunningJob("ep", true, in, null);
        job.batchDone(0, failed(in.slice(0, 2), "bad"));
        job.batchDone(2, failed(in.slice(2, 4), "worse"));
        job.complete();
        InferenceFailedException e = assertThrows(InferenceFailedException.class, job::join);
        assertEquals(4, e.result().rowCount());
        assertTrue(e.getMessage().contains("bad"), e.getMessage());
    }

    @Test
    void missingRowsFailTheJobInsteadOfReturningFewerRows() {
        Frame in = input(10);
        RunningJob job = new RunningJob("ep", true, in, null);
        job.batchDone(0, answered(in.slice(0, 5)));
        job.complete();
        IllegalStateException e = assertThrows(IllegalStateException.class, job::join);
        assertTrue(e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void cancelRunsItsActionsOnceAndTheFutureSaysCancelled() {
        RunningJob job = new RunningJob("ep", true, input(3), null);
        AtomicInteger actions = new AtomicInteger();
        job.onCancel(actions::incrementAndGet);
        job.cancel();
        job.cancel();
        assertEquals(1, actions.get());
        assertTrue(job.isCancelled());
        assertThrows(CancellationException.class, job::join);
        // Registered after the fact: runs at once.
        job.onCancel(actions::incrementAndGet);
        assertEquals(2, actions.get());
    }

    @Test
    void cancellingTheFutureCancelsTheJob() {
        RunningJob job = new RunningJob("ep", true, input(3), null);
        AtomicInteger actions = new AtomicInteger();
        job.onCancel(actions::incrementAndGet);
        job.future().cancel(true);
        assertEquals(1, actions.get());
        assertTrue(job.isCancelled());
    }

    @Test
    void cancelAfterCompletionChangesNothing() {
        Frame in = input(2);
        RunningJob job = new RunningJob("ep", true, in, null);
        AtomicInteger actions = new AtomicInteger();
        job.onCancel(actions::incrementAndGet);
        job.batchDone(0, answered(in));
        job.complete();
        job.cancel();
        assertEquals(0, actions.get());
        assertEquals(2, job.join().rowCount());
    }

    @Test
    void listenersRunOffTheReportingThreadAndLateBatchListenersCatchUp() throws Exception {
        Frame in = input(30);
        List<String> progressThreads = new CopyOnWriteArrayList<>();
        CountDownLatch finished = new CountDownLatch(1);
        RunningJob job = new RunningJob("ep", true, in, p -> {
            progressThreads.add(Thread.currentThread().getName());
            if (p.finished()) {
                finished.countDown();
            }
        });
        List<Integer> early = new CopyOnWriteArrayList<>();
        job.onBatch(b -> early.add(b.firstRow()));
        job.batchDone(0, answered(in.slice(0, 10)));
        job.batchDone(10, answered(in.slice(10, 20)));

        List<BatchResult> late = new CopyOnWriteArrayList<>();
        CountDownLatch lateGotAll = new CountDownLatch(3);
        job.onBatch(b -> {
            late.add(b);
            lateGotAll.countDown();
        });
        job.batchDone(20, answered(in.slice(20, 30)));
        job.complete();

        assertTrue(finished.await(5, TimeUnit.SECONDS), "final progress delivered");
        assertTrue(lateGotAll.await(5, TimeUnit.SECONDS), "late listener got the batches it missed");
        assertEquals(Arrays.asList(0, 10, 20), early);
        assertEquals(30, late.stream().mapToInt(b -> b.rows().rowCount()).sum());
        String me = Thread.currentThread().getName();
        assertTrue(progressThreads.stream().noneMatch(me::equals), "progress called off the caller's thread");
    }

    @Test
    void aSlowListenerNeverBlocksTheWorkers() {
        Frame in = input(1000);
        RunningJob job = new RunningJob("ep", true, in, p -> sleep(200));
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            job.rowsInFlight(1);
            job.batchDone(i, answered(in.slice(i, i + 1)));
            job.rowsInFlight(-1);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 2_000, "reporting 1,000 batches took " + millis + " ms");
        job.complete();
        assertEquals(1000, job.join().rowCount());
        assertNotEquals(0, job.progress().batchesDone());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
