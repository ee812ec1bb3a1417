/**
 * CloudWatch Logs on the shared port (JSON 1.1, {@code X-Amz-Target: Logs_20140328.<Op>}): the operations a log
 * reader uses (DescribeLogGroups, DescribeLogStreams, GetLogEvents, FilterLogEvents) and its writers' (CreateLogGroup,
 * CreateLogStream, PutLogEvents), over events kept in SQLite. Model instances write here through
 * {@link dev.workbench.local.spi.LogSink}.
 */
@NullMarked
package dev.workbench.local.logs;

import org.jspecify.annotations.NullMarked;
