package dev.workbench.api;

/** A finished batch: its rows (with {@code inference_error}) starting at {@code firstRow} of the input. */
public record BatchResult(int firstRow, Frame rows) {}
