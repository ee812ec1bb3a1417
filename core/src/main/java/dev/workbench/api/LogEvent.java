package dev.workbench.api;

import java.time.Instant;

/**
 * One line of an endpoint's container log, as CloudWatch Logs keeps it: when it was written, the stream
 * ({@code <variant>/<instance-id>}) and the text.
 */
public record LogEvent(Instant time, String stream, String message) {}
