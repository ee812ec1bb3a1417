/** The async round trip: batches uploaded to S3, InvokeEndpointAsync, one completion watcher for every in-flight batch, retries and bisection of failed batches. */
@NullMarked
package dev.workbench.core.async;

import org.jspecify.annotations.NullMarked;
