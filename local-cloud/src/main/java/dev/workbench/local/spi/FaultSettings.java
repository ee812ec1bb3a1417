package dev.workbench.local.spi;

import java.time.Duration;

/**
 * @param s3SlowDownRate   fraction of S3 requests answered 503 SlowDown
 * @param throttleRate     fraction of invocations answered with throttling (429 ThrottlingException)
 * @param modelErrorRate   fraction of distinct input rows that make the model fail
 * @param addedLatency     added to each model invocation
 */
public record FaultSettings(long seed, double s3SlowDownRate, double throttleRate, double modelErrorRate, Duration addedLatency) {

    public static FaultSettings none() {
        return new FaultSettings(0, 0, 0, 0, Duration.ZERO);
    }
}
