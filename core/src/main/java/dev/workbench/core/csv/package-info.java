/**
 * CSV for {@link dev.workbench.api.Frame}: strict streaming reads on FastCSV (UTF-8 checked byte by byte, BOM
 * accepted, ragged rows refused with the line named) that pack each field into a frame's storage
 * ({@link dev.workbench.core.csv.RowPacker}, {@link dev.workbench.core.csv.PackedRows}) without a String per value,
 * writes through FastCSV's writer, atomic file writes, row batches for huge files
 * ({@link dev.workbench.core.csv.CsvBatches}) and fast CSV bodies for the round trips
 * ({@link dev.workbench.core.csv.CsvSlice}).
 */
@NullMarked
package dev.workbench.core.csv;

import org.jspecify.annotations.NullMarked;
