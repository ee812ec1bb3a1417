/** The sync round trip: batched InvokeEndpoint with retries and bisection of model errors. */
@NullMarked
package dev.workbench.core.sync;

import org.jspecify.annotations.NullMarked;
