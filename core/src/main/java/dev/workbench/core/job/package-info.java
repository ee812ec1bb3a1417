/**
 * Running inference jobs: progress accounting, partial results, cancellation and the result future, shared by
 * the sync and async round trips; and the check of a model's answer before its rows are believed (UTF-8,
 * well-formed CSV, one row per row sent, echoed input columns equal to the input rows). A refused answer is
 * split by the round trips like any failed batch, so only the rows responsible end with an error.
 */
@NullMarked
package dev.workbench.core.job;

import org.jspecify.annotations.NullMarked;
