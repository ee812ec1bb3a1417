package dev.workbench.api;

import java.time.Duration;

/**
 * A step of a deployment. {@code stage} is one of "model", "config", "endpoint", "Creating", "InService",
 * "autoscaling" (or another SageMaker status while waiting).
 */
public record DeployProgress(String endpointName, String stage, String message, Duration elapsed) {}
