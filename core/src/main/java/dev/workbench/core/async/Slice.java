package dev.workbench.core.async;

/**
 * Rows {@code firstRow .. firstRow+rowCount-1} of a job's input, waiting to be sent; {@code depth} counts splits;
 * {@code minGeneration} is the lowest generation it may be invoked under (raised when a lease was lost).
 */
record Slice(int firstRow, int rowCount, int depth, int minGeneration) {

    Slice(int firstRow, int rowCount, int depth) {
        this(firstRow, rowCount, depth, 0);
    }

    Slice firstHalf() {
        return new Slice(firstRow, rowCount / 2, depth + 1);
    }

    Slice secondHalf() {
        return new Slice(firstRow + rowCount / 2, rowCount - rowCount / 2, depth + 1);
    }

    Slice atLeast(int generation) {
        return new Slice(firstRow, rowCount, depth, Math.max(minGeneration, generation));
    }
}
