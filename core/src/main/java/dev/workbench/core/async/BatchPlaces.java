package dev.workbench.core.async;

import dev.workbench.api.Frame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What a batch's content key says about its place, instead of its row position: which occurrence of its
 * top-level batch's content in this input it is (0 unless an earlier batch of the input had the same rows), and
 * its offset inside that batch (a bisected half). Equal rows at different positions of two overlapping inputs
 * then share a key (and so one lease and one invocation), while equal batches within one input stay apart.
 *
 * <p>Top-level batches are numbered in input order and their contents are hashed in that order, so the place
 * of a batch is the same in every run of the same input (a re-run finds its journal entries).
 */
final class BatchPlaces {
    private final Frame payload;
    private final int batchSize;
    private final Map<String, Integer> seen = new HashMap<>(); // guarded by this
    private int[] occurrence = new int[0]; // guarded by this
    private int hashed; // guarded by this

    BatchPlaces(Frame payload, int batchSize) {
        this.payload = payload;
        this.batchSize = batchSize;
    }

    /** The place of rows {@code firstRow..} whose CSV is {@code csv} (reused when it is a whole top-level batch). */
    String of(int firstRow, int rowCount, String csv) {
        int top = firstRow / batchSize;
        boolean whole = firstRow % batchSize == 0 && rowCount == Math.min(batchSize, payload.rowCount() - firstRow);
        return occurrence(top, whole ? csv : null) + ":" + (firstRow - top * batchSize);
    }

    private synchronized int occurrence(int top, String csvOfTop) {
        while (hashed <= top) {
            int first = hashed * batchSize;
            String csv = hashed == top && csvOfTop != null ? csvOfTop
                    : payload.slice(first, Math.min(first + batchSize, payload.rowCount())).toCsv();
            if (occurrence.length <= hashed) {
                occurrence = Arrays.copyOf(occurrence, Math.max(16, occurrence.length * 2));
            }
            occurrence[hashed] = seen.merge(digest(csv), 1, Integer::sum) - 1;
            hashed++;
        }
        return occurrence[top];
    }

    private static String digest(String csv) {
        byte[] d = InferenceIds.sha256().digest(csv.getBytes(StandardCharsets.UTF_8));
        return new String(d, StandardCharsets.ISO_8859_1);
    }
}
