/**
 * SageMaker and SageMaker Runtime on the shared port: models, endpoint configs, endpoints, tags, invocations.
 *
 * <p>Choices where AWS leaves room, so clients can rely on them:
 * <ul>
 *   <li>Without {@code S3FailurePath}, failure objects go to the sibling prefix {@code <S3OutputPath>-failures/};
 *       InvokeEndpointAsync always returns the FailureLocation to watch.</li>
 *   <li>Without {@code MaxConcurrentInvocationsPerInstance}, each instance takes 4 async requests at a time.</li>
 *   <li>Accepted async requests are stored durably until their output or failure object is written: after a
 *       restart they are queued again, oldest first. Input is read from S3 only when the work starts.</li>
 *   <li>Latency metrics are one datapoint per invocation, at most 200 per metric per period (an even spread
 *       beyond that); counters are exact. Counters are published for periods with activity; the async backlog
 *       gauges every period, since alarms and target tracking read them.</li>
 *   <li>CPUUtilization and MemoryUtilization describe the emulator's own process, which hosts the instances.</li>
 *   <li>Timestamps are epoch seconds with milliseconds as the fraction.</li>
 * </ul>
 */
@NullMarked
package dev.workbench.local.sagemaker;

import org.jspecify.annotations.NullMarked;
