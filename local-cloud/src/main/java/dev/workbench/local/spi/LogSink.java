package dev.workbench.local.spi;

import java.time.Instant;

/**
 * Where the emulator writes what a model instance prints, as SageMaker sends it to CloudWatch Logs: one log
 * group per endpoint, one stream per instance. Writes are cheap (buffered); the group and stream are created on
 * first use.
 */
public interface LogSink {

    /** Drops every line (for wiring that has no log store). */
    LogSink NONE = (group, stream, time, message) -> { };

    void put(String logGroup, String logStream, Instant time, String message);

    /** The log group SageMaker uses for an endpoint's containers. */
    static String endpointGroup(String endpointName) {
        return "/aws/sagemaker/Endpoints/" + endpointName;
    }
}
