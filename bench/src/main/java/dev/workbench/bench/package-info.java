/**
 * Benchmarks that write BENCHMARKS.md: every figure is a ratio measured in one run or a count, since
 * absolute times on a shared 2-core machine are noise.
 */
@NullMarked
package dev.workbench.bench;

import org.jspecify.annotations.NullMarked;
