package dev.workbench.core.deploy;

import dev.workbench.api.Cloud;
import dev.workbench.api.DeployException;
import dev.workbench.api.DeployOptions;
import dev.workbench.api.DeployProgress;
import dev.workbench.api.EndpointMeta;
import dev.workbench.api.ModelNotFoundException;
import dev.workbench.api.ServerlessSettings;
import dev.workbench.core.aws.AwsErrors;
import dev.workbench.core.endpoint.MetaTags;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AsyncInferenceConfig;
import software.amazon.awssdk.services.sagemaker.model.CaptureMode;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Deploys a model: endpoint config (variant AllTraffic; for async an AsyncInferenceConfig with output and
 * failure paths under {@code endpoints/<ep>/} in the Workbench bucket), CreateEndpoint with the Workbench meta
 * tags, a wait for InService with progress, then scale-to-zero autoscaling for async endpoints.
 */
public final class Deployer {
  private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);
  /** SageMaker endpoints usually take minutes; give up after this. */
  static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(45);

  private final Cloud cloud;
  private final SageMakerClient sm;

  public Deployer(Cloud cloud) {
    this.cloud = cloud;
    this.sm = cloud.sageMaker();
  }

  /** Blocks until the endpoint is InService (and autoscaling registered); returns the endpoint's name. */
  public String deploy(String modelName, DeployOptions options) {
    String endpoint = options.endpointName() != null ? options.endpointName() : modelName;
    Names.check("modelName", modelName);
    DeployValidation.check(endpoint, options);
    Progress progress = new Progress(endpoint, options.onProgress());

    progress.emit("model", "checking model " + modelName);
    try {
      sm.describeModel(b -> b.modelName(modelName));
    } catch (AwsServiceException e) {
      if (AwsErrors.isNotFound(e)) {
        throw new ModelNotFoundException(modelName);
      }
      throw e;
    }
    refuseExisting(endpoint);

    String bucket = cloud.bucket();
    String prefix = Names.prefix(bucket, endpoint);
    progress.emit("config", "creating endpoint config " + endpoint);
    deleteStaleConfig(endpoint);
    try {
      sm.createEndpointConfig(b -> {
        b.endpointConfigName(endpoint).productionVariants(variant(modelName, options));
        if (options.async()) {
          b.asyncInferenceConfig(asyncConfig(prefix, options));
        }
        if (options.dataCapture()) {
          b.dataCaptureConfig(captureConfig(prefix, options));
        }
        if (options.kmsKeyId() != null) {
          b.kmsKeyId(options.kmsKeyId());
        }
      });
    } catch (AwsServiceException e) {
      throw new DeployException(endpoint, "CreateEndpointConfig " + endpoint + " failed: " + AwsErrors.message(e), e);
    }

    progress.emit("endpoint", "creating endpoint " + endpoint);
    List<Tag> tags = tags(modelName, options);
    try {
      sm.createEndpoint(b -> b.endpointName(endpoint).endpointConfigName(endpoint).tags(tags));
    } catch (AwsServiceException e) {
      throw new DeployException(endpoint, "CreateEndpoint " + endpoint + " failed: " + AwsErrors.message(e), e);
    }
    waitInService(endpoint, progress);

    // Serverless endpoints scale themselves: no scalable target, no policies.
    if (options.async()) {
      progress.emit("autoscaling", "registering scale-to-zero (min " + options.minInstances() + ", max "
          + options.maxInstances() + ", idle " + options.idleMinutes() + " min)");
      try {
        new ScaleToZero(cloud.autoScaling(), cloud.cloudWatch()).register(endpoint, options);
      } catch (AwsServiceException e) {
        throw new DeployException(endpoint, "Autoscaling for " + endpoint + " failed: " + AwsErrors.message(e), e);
      }
    }
    progress.emit("InService", "endpoint " + endpoint + " is ready");
    return endpoint;
  }

  private void refuseExisting(String endpoint) {
    try {
      DescribeEndpointResponse ep = sm.describeEndpoint(b -> b.endpointName(endpoint));
      throw new DeployException(endpoint, "Endpoint '" + endpoint + "' already exists (" + ep.endpointStatusAsString()
          + "); delete it first or choose another endpointName");
    } catch (AwsServiceException e) {
      if (!AwsErrors.isNotFound(e)) {
        throw e;
      }
    }
  }

  /** A config left behind by an earlier failed deploy (no endpoint uses it: we checked) is replaced. */
  private void deleteStaleConfig(String endpoint) {
    try {
      sm.deleteEndpointConfig(b -> b.endpointConfigName(endpoint));
      LOG.info("Deleted stale endpoint config {}", endpoint);
    } catch (AwsServiceException e) {
      if (!AwsErrors.isNotFound(e)) {
        throw e;
      }
    }
  }

  /** Serverless variants carry a ServerlessConfig instead of an instance type and count (SageMaker refuses both). */
  private static ProductionVariant variant(String modelName, DeployOptions o) {
    ProductionVariant.Builder v = ProductionVariant.builder().variantName(Names.VARIANT).modelName(modelName)
        .initialVariantWeight(1.0f);
    ServerlessSettings serverless = o.serverless();
    if (serverless != null) {
      return v.serverlessConfig(c -> c.memorySizeInMB(serverless.memoryMb()).maxConcurrency(serverless.maxConcurrency())
          .provisionedConcurrency(serverless.provisionedConcurrency())).build();
    }
    return v.initialInstanceCount(o.initialInstances()).instanceType(o.instance()).build();
  }

  private static AsyncInferenceConfig asyncConfig(String prefix, DeployOptions o) {
    return AsyncInferenceConfig.builder()
        .clientConfig(c -> c.maxConcurrentInvocationsPerInstance(o.maxConcurrent()))
        .outputConfig(out -> {
          out.s3OutputPath(prefix + "async-output/").s3FailurePath(prefix + "async-failures/");
          if (o.kmsKeyId() != null) {
            out.kmsKeyId(o.kmsKeyId());
          }
        })
        .build();
  }

  private static DataCaptureConfig captureConfig(String prefix, DeployOptions o) {
    return DataCaptureConfig.builder().enableCapture(true).initialSamplingPercentage(o.captureSamplePercent())
        .destinationS3Uri(prefix + "data-capture")
        .captureOptions(c -> c.captureMode(CaptureMode.INPUT), c -> c.captureMode(CaptureMode.OUTPUT))
        .captureContentTypeHeader(h -> h.csvContentTypes("text/csv"))
        .build();
  }

  private static List<Tag> tags(String modelName, DeployOptions o) {
    int batch = o.async() ? EndpointMeta.DEFAULT_ASYNC_BATCH_SIZE : EndpointMeta.DEFAULT_SYNC_BATCH_SIZE;
    Map<String, Object> meta = o.serverless() != null
        ? MetaTags.serverlessMeta(o.tags(), batch, EndpointMeta.DEFAULT_MAX_IN_FLIGHT, modelName)
        : MetaTags.deployMeta(o.tags(), o.instance(), o.async(), o.minInstances(), o.maxInstances(), o.idleMinutes(),
            o.maxConcurrent(), batch, EndpointMeta.DEFAULT_MAX_IN_FLIGHT, modelName);
    return MetaTags.sageMakerTags(meta);
  }

  private void waitInService(String endpoint, Progress progress) {
    long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
    long pauseMs = 100;
    String last = "";
    while (true) {
      DescribeEndpointResponse ep = sm.describeEndpoint(b -> b.endpointName(endpoint));
      String status = ep.endpointStatusAsString();
      if (!status.equals(last)) {
        progress.emit(status, "endpoint " + endpoint + " is " + status);
        last = status;
      }
      switch (status) {
        case "InService" -> {
          return;
        }
        case "Failed", "OutOfService", "RollingBack", "UpdateRollbackFailed", "Deleting" -> throw new DeployException(
            endpoint, "Endpoint '" + endpoint + "' is " + status
                + (ep.failureReason() == null ? "" : ": " + ep.failureReason()));
        default -> {
          // Creating / Updating: keep waiting
        }
      }
      if (System.nanoTime() > deadline) {
        throw new DeployException(endpoint, "Endpoint '" + endpoint + "' still " + status + " after " + DEPLOY_TIMEOUT);
      }
      try {
        Thread.sleep(pauseMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeployException(endpoint, "Interrupted while waiting for '" + endpoint + "' to be InService", e);
      }
      // Local endpoints are ready in well under a second; SageMaker takes minutes: back off to 15 s.
      pauseMs = Math.min(15_000, pauseMs * 2);
    }
  }

  /** Emits DeployProgress to the caller's listener (and the log). */
  private static final class Progress {
    private final String endpoint;
    private final @Nullable Consumer<DeployProgress> listener;
    private final long start = System.nanoTime();

    Progress(String endpoint, @Nullable Consumer<DeployProgress> listener) {
      this.endpoint = endpoint;
      this.listener = listener;
    }

    void emit(String stage, String message) {
      LOG.info("{}: {}", endpoint, message);
      if (listener != null) {
        try {
          listener.accept(new DeployProgress(endpoint, stage, message, Duration.ofNanos(System.nanoTime() - start)));
        } catch (RuntimeException e) {
          LOG.warn("Deploy progress listener failed", e);
        }
      }
    }
  }
}
