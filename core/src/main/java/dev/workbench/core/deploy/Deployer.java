package dev.workbench.core.deploy;

import dev.workbench.api.Cloud;
import dev.workbench.api.DeployException;
import dev.workbench.api.DeployOptions;
import dev.workbench.api.DeployProgress;
import dev.workbench.api.EndpointMeta;
import dev.workbench.api.ModelNotFoundException;
import dev.workbench.api.RealtimeScaling;
import dev.workbench.api.ServerlessSettings;
import dev.workbench.core.aws.AwsErrors;
import dev.workbench.core.endpoint.MetaTags;
import java.util.List;
import java.util.Map;
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
 * tags, a wait for InService with progress, then scale-to-zero autoscaling for async endpoints and target tracking
 * for sync endpoints deployed with autoscaling.
 */
public final class Deployer {
  private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

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
    DeployProgressEmitter progress = new DeployProgressEmitter(endpoint, options.onProgress());

    progress.emit("model", "checking model " + modelName);
    requireModel(sm, modelName);
    refuseExisting(endpoint);
    ScalingPlan plan = scalingPlan(options);
    if (plan != null) {
      new QuotaCheck(cloud).checkMax(endpoint, options.instance(), plan.max());
    }

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
    InServiceWait.await(sm, endpoint, progress);

    if (plan != null) {
      progress.emit("autoscaling", "registering " + describe(plan));
      try {
        new EndpointScaling(cloud.autoScaling(), cloud.cloudWatch()).register(endpoint, plan);
      } catch (AwsServiceException e) {
        throw new DeployException(endpoint, "Autoscaling for " + endpoint + " failed: " + AwsErrors.message(e), e);
      }
    }
    progress.emit("InService", "endpoint " + endpoint + " is ready");
    return endpoint;
  }

  static void requireModel(SageMakerClient sm, String modelName) {
    try {
      sm.describeModel(b -> b.modelName(modelName));
    } catch (AwsServiceException e) {
      if (AwsErrors.isNotFound(e)) {
        throw new ModelNotFoundException(modelName);
      }
      throw e;
    }
  }

  /**
   * Serverless endpoints scale themselves and a sync endpoint without autoscaling keeps its fleet: no scalable
   * target, no policies (null). Async endpoints scale to zero; sync ones with autoscaling track their target.
   */
  static @Nullable ScalingPlan scalingPlan(DeployOptions o) {
    if (o.serverless() != null || (!o.async() && o.autoscaling() == null)) {
      return null;
    }
    return new ScalingPlan(o.async(), o.minInstances(), o.maxInstances(), o.idleMinutes(), o.async() ? null : o.autoscaling());
  }

  static String describe(ScalingPlan plan) {
    RealtimeScaling realtime = plan.realtime();
    if (plan.async()) {
      return "scale-to-zero (min " + plan.min() + ", max " + plan.max() + ", idle " + plan.idleMinutes() + " min)";
    }
    return "autoscaling (min " + plan.min() + ", max " + plan.max()
        + (realtime == null ? ")" : ", target " + realtime.label() + ", cooldowns in " + realtime.scaleInCooldownSeconds()
            + " s / out " + realtime.scaleOutCooldownSeconds() + " s)");
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
    return captureConfig(prefix, o.captureSamplePercent());
  }

  /** Requests and responses of CSV calls, sampled, under {@code endpoints/<ep>/data-capture} (Workbench's place). */
  static DataCaptureConfig captureConfig(String prefix, int samplePercent) {
    return DataCaptureConfig.builder().enableCapture(true).initialSamplingPercentage(samplePercent)
        .destinationS3Uri(prefix + "data-capture")
        .captureOptions(c -> c.captureMode(CaptureMode.INPUT), c -> c.captureMode(CaptureMode.OUTPUT))
        .captureContentTypeHeader(h -> h.csvContentTypes("text/csv"))
        .build();
  }

  private static List<Tag> tags(String modelName, DeployOptions o) {
    int batch = o.async() ? EndpointMeta.DEFAULT_ASYNC_BATCH_SIZE : EndpointMeta.DEFAULT_SYNC_BATCH_SIZE;
    Map<String, Object> meta = o.serverless() != null
        ? MetaTags.serverlessMeta(o.tags(), batch, EndpointMeta.DEFAULT_MAX_IN_FLIGHT, modelName)
        : MetaTags.deployMeta(o.tags(), o.instance(), o.async(), o.async() || o.autoscaling() != null, o.minInstances(),
            o.maxInstances(), o.idleMinutes(), o.maxConcurrent(), batch, EndpointMeta.DEFAULT_MAX_IN_FLIGHT, modelName);
    return MetaTags.sageMakerTags(meta);
  }
}
