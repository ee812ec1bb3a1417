package dev.workbench.core.deploy;

import dev.workbench.api.Cloud;
import dev.workbench.api.DeployException;
import dev.workbench.api.DeployOptions;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointMeta;
import dev.workbench.api.EndpointUpdate;
import dev.workbench.api.RealtimeScaling;
import dev.workbench.core.aws.AwsErrors;
import dev.workbench.core.endpoint.EndpointLookup;
import dev.workbench.core.endpoint.MetaTags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * Changes a live endpoint as SageMaker's console does: a new endpoint config (the old one's with the changes),
 * UpdateEndpoint, a wait until InService. Application Auto Scaling refuses an update that changes the instance type
 * of a registered variant, so the scaling registration is removed first and registered again afterwards, with the
 * new bounds (or, when SageMaker rolled the update back, as it was). Workbench's meta tags follow the change.
 */
public final class EndpointUpdater {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointUpdater.class);

  private final Cloud cloud;
  private final SageMakerClient sm;
  private final EndpointScaling scaling;

  public EndpointUpdater(Cloud cloud) {
    this.cloud = cloud;
    this.sm = cloud.sageMaker();
    this.scaling = new EndpointScaling(cloud.autoScaling(), cloud.cloudWatch());
  }

  public EndpointDescription update(String endpoint, EndpointUpdate u) {
    if (u.isEmpty()) {
      throw new IllegalArgumentException("Nothing to update on endpoint '" + endpoint + "': give an instance type, "
          + "instances, min/max instances, idle minutes, data capture or a model");
    }
    DescribeEndpointResponse ep = EndpointLookup.describeEndpoint(sm, endpoint);
    if (!"InService".equals(ep.endpointStatusAsString())) {
      throw new DeployException(endpoint, "Endpoint '" + endpoint + "' is " + ep.endpointStatusAsString()
          + "; SageMaker updates an endpoint only when it is InService");
    }
    String oldConfig = ep.endpointConfigName();
    DescribeEndpointConfigResponse config = EndpointLookup.describeConfig(sm, oldConfig);
    if (config == null || config.productionVariants().isEmpty()) {
      throw new DeployException(endpoint, "Endpoint '" + endpoint + "' has no endpoint config ('" + oldConfig
          + "' is gone); delete and deploy it again");
    }
    ProductionVariant variant = config.productionVariants().stream().filter(v -> Names.VARIANT.equals(v.variantName()))
        .findFirst().orElse(config.productionVariants().get(0));
    if (variant.serverlessConfig() != null) {
      refuseOnServerless(endpoint, u);
    }
    EndpointMeta meta = EndpointLookup.meta(sm, ep.endpointArn());
    boolean async = EndpointLookup.isAsync(sm, ep, meta);
    boolean serverless = variant.serverlessConfig() != null;
    Optional<ScalingPlan> before = serverless ? Optional.empty()
        : scaling.read(endpoint, async, meta.intValue(EndpointMeta.SCALE_IN_IDLE_MINUTES, 60));

    Target t = target(endpoint, u, ep, variant, async, before);
    DeployProgressEmitter progress = new DeployProgressEmitter(endpoint, u.onProgress());
    if (t.plan() != null && !serverless) {
      new QuotaCheck(cloud).checkMax(endpoint, t.instanceType(), t.plan().max());
    }
    if (u.model() != null) {
      Deployer.requireModel(sm, u.model());
    }

    String newConfig = Names.updateConfig(endpoint, System.currentTimeMillis());
    ProductionVariant next = serverless ? variant.toBuilder().modelName(t.model()).build()
        : variant.toBuilder().modelName(t.model()).instanceType(t.instanceType()).initialInstanceCount(t.instances()).build();
    DataCaptureConfig capture = capture(config.dataCaptureConfig(), u, Names.prefix(cloud.bucket(), endpoint));
    progress.emit("config", "creating endpoint config " + newConfig + " (" + t.summary(serverless) + ")");
    try {
      sm.createEndpointConfig(b -> b.endpointConfigName(newConfig).productionVariants(next)
          .asyncInferenceConfig(config.asyncInferenceConfig()).dataCaptureConfig(capture).kmsKeyId(config.kmsKeyId()));
    } catch (AwsServiceException e) {
      throw new DeployException(endpoint, "CreateEndpointConfig " + newConfig + " failed: " + AwsErrors.message(e), e);
    }

    if (before.isPresent()) {
      progress.emit("autoscaling", "deregistering autoscaling for the update");
      scaling.remove(Names.resourceId(endpoint));
    }
    try {
      progress.emit("update", "updating endpoint " + endpoint + " to " + newConfig + " (it keeps serving on "
          + oldConfig + " meanwhile)");
      sm.updateEndpoint(b -> b.endpointName(endpoint).endpointConfigName(newConfig));
      DescribeEndpointResponse done = InServiceWait.await(sm, endpoint, progress);
      if (!newConfig.equals(done.endpointConfigName())) {
        throw new DeployException(endpoint, "Update of '" + endpoint + "' failed and SageMaker rolled back to config '"
            + done.endpointConfigName() + "', which still serves"
            + (done.failureReason() == null ? "" : ": " + done.failureReason()));
      }
    } catch (RuntimeException e) {
      before.ifPresent(plan -> restore(endpoint, plan));
      EndpointScaling.ignoreMissing(() -> sm.deleteEndpointConfig(b -> b.endpointConfigName(newConfig)));
      if (e instanceof AwsServiceException aws) {
        throw new DeployException(endpoint, "UpdateEndpoint " + endpoint + " failed: " + AwsErrors.message(aws), aws);
      }
      throw e;
    }

    ScalingPlan plan = t.plan();
    if (plan != null) {
      progress.emit("autoscaling", "registering " + Deployer.describe(plan));
      try {
        scaling.register(endpoint, plan);
      } catch (AwsServiceException e) {
        throw new DeployException(endpoint, "Autoscaling for " + endpoint + " failed: " + AwsErrors.message(e), e);
      }
    }
    sm.addTags(b -> b.resourceArn(ep.endpointArn()).tags(MetaTags.sageMakerTags(meta(t, async, serverless))));
    if (oldConfig != null && Names.ownConfig(endpoint, oldConfig)) {
      try {
        sm.deleteEndpointConfig(b -> b.endpointConfigName(oldConfig));
      } catch (AwsServiceException e) {
        LOG.warn("Old endpoint config {} of {} not deleted: {}", oldConfig, endpoint, AwsErrors.message(e));
      }
    }
    progress.emit("InService", "endpoint " + endpoint + " is updated (" + t.summary(serverless) + ")");
    return EndpointLookup.describe(sm, endpoint);
  }

  /** What the endpoint is to be after the update, checked as a deploy checks its options. */
  private record Target(String instanceType, int instances, String model, @Nullable ScalingPlan plan) {
    String summary(boolean serverless) {
      if (serverless) {
        return "model " + model;
      }
      return instanceType + " x " + instances + ", model " + model + (plan == null ? "" : ", " + Deployer.describe(plan));
    }
  }

  private static Target target(String endpoint, EndpointUpdate u, DescribeEndpointResponse ep, ProductionVariant variant,
      boolean async, Optional<ScalingPlan> before) {
    if (u.instances() != null && u.instances() < 1) {
      throw new IllegalArgumentException("instances must be >= 1 (SageMaker starts an updated fleet with at least one "
          + "instance), was " + u.instances());
    }
    if (!async && u.idleMinutes() != null) {
      throw new IllegalArgumentException("idleMinutes applies to async endpoints (scale to zero); '" + endpoint
          + "' is sync: use minInstances/maxInstances");
    }
    if (async && u.autoscaling() != null) {
      throw new IllegalArgumentException("autoscaling (" + u.autoscaling().label() + ") is for sync endpoints; '"
          + endpoint + "' is async and scales on its backlog");
    }
    String type = u.instance() != null ? u.instance() : variant.instanceTypeAsString();
    String model = u.model() != null ? u.model() : variant.modelName();
    ScalingPlan plan = plan(u, async, before);
    int desiredNow = ep.productionVariants().stream().filter(v -> variant.variantName().equals(v.variantName()))
        .map(ProductionVariantSummary::desiredInstanceCount).filter(n -> n != null).findFirst()
        .orElse(variant.initialInstanceCount() != null ? variant.initialInstanceCount() : 1);
    int instances;
    if (u.instances() != null) {
      instances = u.instances();
    } else if (plan != null) {
      // The fleet as it is, inside the new bounds.
      instances = Math.max(Math.max(1, plan.min()), Math.min(plan.max(), desiredNow));
    } else {
      instances = Math.max(1, desiredNow);
    }
    if (variant.serverlessConfig() == null) {
      int min = plan != null ? plan.min() : 1;
      int max = plan != null ? plan.max() : instances;
      if (plan != null && u.instances() != null && (instances < Math.max(1, min) || instances > max)) {
        throw new IllegalArgumentException("instances (" + instances + ") must be between minInstances (" + min
            + ") and maxInstances (" + max + ")");
      }
      DeployValidation.check(endpoint, DeployOptions.of(d -> {
        d.async(async).instance(type == null ? "" : type).initialInstances(instances).minInstances(min).maxInstances(max)
            .autoscaling(plan == null ? null : plan.realtime());
        if (plan != null) {
          d.idleMinutes(plan.idleMinutes());
        }
        if (Boolean.TRUE.equals(u.dataCapture()) || u.captureSamplePercent() != null) {
          d.dataCapture(true).captureSamplePercent(u.captureSamplePercent() != null ? u.captureSamplePercent() : 100);
        }
      }));
    }
    return new Target(type == null ? "" : type, instances, model, plan);
  }

  /**
   * The scaling after the update: unchanged values as registered now. A sync endpoint given bounds without a metric
   * tracks invocations per instance; one without any registration and no scaling asked for stays a fixed fleet.
   */
  private static @Nullable ScalingPlan plan(EndpointUpdate u, boolean async, Optional<ScalingPlan> before) {
    boolean asked = u.minInstances() != null || u.maxInstances() != null || u.idleMinutes() != null || u.autoscaling() != null;
    if (before.isEmpty() && !asked) {
      return null;
    }
    ScalingPlan now = before.orElse(null);
    int min = u.minInstances() != null ? u.minInstances() : now != null ? now.min() : async ? 0 : 1;
    int max = u.maxInstances() != null ? u.maxInstances() : now != null ? now.max() : Math.max(min, 1);
    int idle = u.idleMinutes() != null ? u.idleMinutes() : now != null ? now.idleMinutes() : 60;
    if (async) {
      return new ScalingPlan(true, min, max, idle, null);
    }
    RealtimeScaling realtime = u.autoscaling() != null ? u.autoscaling() : now != null ? now.realtime() : null;
    if (realtime == null && asked) {
      realtime = RealtimeScaling.invocationsPerInstance(RealtimeScaling.DEFAULT_INVOCATIONS_TARGET);
    }
    return new ScalingPlan(false, min, max, idle, realtime);
  }

  private static void refuseOnServerless(String endpoint, EndpointUpdate u) {
    if (u.instance() != null || u.instances() != null || u.minInstances() != null || u.maxInstances() != null
        || u.idleMinutes() != null || u.autoscaling() != null) {
      throw new IllegalArgumentException("'" + endpoint + "' is serverless: it has no instances or autoscaling to "
          + "change (SageMaker sizes it by memory and concurrency)");
    }
    if (Boolean.TRUE.equals(u.dataCapture())) {
      throw new IllegalArgumentException("data capture is not supported on serverless endpoints (as in SageMaker)");
    }
  }

  /** On or off as asked, keeping the rest of the endpoint's capture settings; unchanged when not asked. */
  private static @Nullable DataCaptureConfig capture(@Nullable DataCaptureConfig old, EndpointUpdate u, String prefix) {
    if (u.dataCapture() == null && u.captureSamplePercent() == null) {
      return old;
    }
    boolean on = u.dataCapture() == null || u.dataCapture();
    if (!on) {
      return old == null ? null : old.toBuilder().enableCapture(false).build();
    }
    int percent = u.captureSamplePercent() != null ? u.captureSamplePercent()
        : old != null && old.initialSamplingPercentage() != null ? old.initialSamplingPercentage() : 100;
    return old != null ? old.toBuilder().enableCapture(true).initialSamplingPercentage(percent).build()
        : Deployer.captureConfig(prefix, percent);
  }

  private void restore(String endpoint, ScalingPlan plan) {
    try {
      scaling.register(endpoint, plan);
    } catch (AwsServiceException e) {
      LOG.warn("Autoscaling of {} not restored after the failed update: {}", endpoint, AwsErrors.message(e));
    }
  }

  private static Map<String, Object> meta(Target t, boolean async, boolean serverless) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put(EndpointMeta.WORKBENCH_INPUT, t.model());
    if (serverless) {
      return meta;
    }
    meta.put(EndpointMeta.INSTANCE, t.instanceType());
    ScalingPlan plan = t.plan();
    if (plan != null) {
      meta.put(EndpointMeta.MIN_INSTANCES, plan.min());
      meta.put(EndpointMeta.MAX_INSTANCES, plan.max());
      if (async) {
        meta.put(EndpointMeta.SCALE_IN_IDLE_MINUTES, plan.idleMinutes());
      }
    }
    return meta;
  }
}
