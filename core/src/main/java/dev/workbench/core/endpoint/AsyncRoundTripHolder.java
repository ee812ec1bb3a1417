package dev.workbench.core.endpoint;

import dev.workbench.api.Cloud;
import dev.workbench.api.EndpointMeta;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceJob;
import dev.workbench.api.InferenceOptions;
import dev.workbench.core.async.AsyncRoundTrip;
import org.jspecify.annotations.Nullable;

/**
 * The Cloud's one async round trip (one completion watcher for every async job), created on first use so
 * that sync-only work never starts its threads, and closed with the Cloud.
 */
public final class AsyncRoundTripHolder {
  private final Cloud cloud;
  private @Nullable AsyncRoundTrip roundTrip; // guarded by this
  private boolean closed; // guarded by this

  AsyncRoundTripHolder(Cloud cloud) {
    this.cloud = cloud;
  }

  InferenceJob submit(String endpointName, Frame input, InferenceOptions options, EndpointMeta meta) {
    return get().submit(endpointName, input, options, meta);
  }

  synchronized AsyncRoundTrip get() {
    if (closed) {
      throw new IllegalStateException("the Cloud was closed");
    }
    if (roundTrip == null) {
      roundTrip = new AsyncRoundTrip(cloud);
    }
    return roundTrip;
  }

  synchronized void close() {
    closed = true;
    if (roundTrip != null) {
      roundTrip.close();
      roundTrip = null;
    }
  }
}
