package dev.workbench.core.async;

/** Rows {@code firstRow .. firstRow+rowCount-1} of a job's input, waiting to be sent; {@code depth} counts splits. */
record Slice(int firstRow, int rowCount, int depth) {

    Slice firstHalf() {
        return new Slice(firstRow, rowCount / 2, depth + 1);
    }

    Slice secondHalf() {
        return new Slice(firstRow + rowCount / 2, rowCount - rowCount / 2, depth + 1);
    }
}
