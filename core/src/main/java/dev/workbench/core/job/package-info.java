/** Running inference jobs: progress accounting, partial results, cancellation and the result future, shared by the sync and async round trips. */
@NullMarked
package dev.workbench.core.job;

import org.jspecify.annotations.NullMarked;
