package dev.workbench.api;

import org.jspecify.annotations.Nullable;

/** An async endpoint's AsyncInferenceConfig as SageMaker reports it. */
public record AsyncSettings(int maxConcurrentInvocationsPerInstance, String outputPath, @Nullable String failurePath) {}
