package dev.workbench.local.sagemaker;

import dev.workbench.local.spi.S3Uri;
import java.time.Duration;
import java.time.Instant;

/** One accepted InvokeEndpointAsync call waiting in (or taken from) its endpoint's queue. */
record AsyncRequest(
        String inferenceId,
        S3Uri input,
        S3Uri output,
        S3Uri failure,
        String contentType,
        String accept,
        Instant received,
        Duration ttl,
        Duration invocationTimeout) {

    boolean expired(Instant now) {
        return now.isAfter(received.plus(ttl));
    }
}
