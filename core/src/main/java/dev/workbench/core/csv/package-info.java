/**
 * CSV for {@link dev.workbench.api.Frame}, on FastCSV: strict streaming reads (UTF-8 checked byte by byte, BOM
 * accepted, ragged rows refused with the line named), quoted writes, atomic file writes, row batches for huge
 * files ({@link dev.workbench.core.csv.CsvBatches}) and fast CSV bodies for the round trips
 * ({@link dev.workbench.core.csv.CsvSlice}).
 */
@NullMarked
package dev.workbench.core.csv;

import org.jspecify.annotations.NullMarked;
