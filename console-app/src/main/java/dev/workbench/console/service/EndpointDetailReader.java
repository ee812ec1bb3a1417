package dev.workbench.console.service;

import dev.workbench.api.Cloud;
import dev.workbench.api.EndpointDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessConfig;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Reads an endpoint's detail with the SDK calls the SageMaker console makes: DescribeEndpoint, DescribeEndpointConfig,
 * DescribeModel, ListTags, DescribeScalableTargets / Policies / Activities and DescribeAlarms.
 */
final class EndpointDetailReader {
  private static final int ACTIVITIES = 20;

  private EndpointDetailReader() {
  }

  static EndpointDetail read(Cloud cloud, String name) {
    SageMakerClient sm = cloud.sageMaker();
    EndpointDescription d = cloud.endpoint(name).describe();
    DescribeEndpointResponse e = sm.describeEndpoint(b -> b.endpointName(name));
    DescribeEndpointConfigResponse c = sm.describeEndpointConfig(b -> b.endpointConfigName(e.endpointConfigName()));
    Map<String, ProductionVariant> configured = new LinkedHashMap<>();
    c.productionVariants().forEach(v -> configured.put(v.variantName(), v));
    List<EndpointDetail.Variant> variants = new ArrayList<>();
    for (ProductionVariantSummary s : e.productionVariants()) {
      ProductionVariant v = configured.get(s.variantName());
      ProductionVariantServerlessConfig serverless = s.currentServerlessConfig() != null ? s.currentServerlessConfig()
          : v == null ? null : v.serverlessConfig();
      variants.add(new EndpointDetail.Variant(s.variantName(), v == null ? null : v.instanceTypeAsString(),
          v == null || serverless != null ? null : v.initialInstanceCount(), zeroIfNull(s.currentInstanceCount()),
          zeroIfNull(s.desiredInstanceCount()), serverless == null ? null : serverless.memorySizeInMB(),
          serverless == null ? null : serverless.maxConcurrency(),
          serverless == null ? null : serverless.provisionedConcurrency()));
    }
    String model = c.productionVariants().isEmpty() ? null : c.productionVariants().get(0).modelName();
    String image = model == null ? null : image(sm, model);
    EndpointDetail.Async async = null;
    if (c.asyncInferenceConfig() != null && c.asyncInferenceConfig().outputConfig() != null) {
      var out = c.asyncInferenceConfig().outputConfig();
      var client = c.asyncInferenceConfig().clientConfig();
      async = new EndpointDetail.Async(out.s3OutputPath(), out.s3FailurePath(),
          client == null ? null : client.maxConcurrentInvocationsPerInstance(), out.kmsKeyId());
    }
    EndpointDetail.Capture capture = null;
    if (e.dataCaptureConfig() != null) {
      var dc = e.dataCaptureConfig();
      capture = new EndpointDetail.Capture(Boolean.TRUE.equals(dc.enableCapture()), dc.captureStatusAsString(),
          zeroIfNull(dc.currentSamplingPercentage()), dc.destinationS3Uri());
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag t : sm.listTags(b -> b.resourceArn(e.endpointArn())).tags()) {
      tags.put(t.key(), t.value());
    }
    Scaling scaling = variants.isEmpty() ? Scaling.NONE : scaling(cloud, name, variants.get(0).name());
    return new EndpointDetail(name, e.endpointArn(), d.status(), d.failureReason(), d.kind(), e.creationTime(),
        e.lastModifiedTime(), e.endpointConfigName(), model, image, variants, async, capture, tags,
        cloud.endpoint(name).meta().asMap(), scaling.target(), scaling.policies(), scaling.alarms(),
        scaling.activities());
  }

  private static @Nullable String image(SageMakerClient sm, String model) {
    var m = sm.describeModel(b -> b.modelName(model));
    if (m.primaryContainer() != null) {
      return m.primaryContainer().image();
    }
    return m.containers().isEmpty() ? null : m.containers().get(0).image();
  }

  private record Scaling(EndpointDetail.@Nullable Target target, List<EndpointDetail.Policy> policies,
      List<EndpointDetail.Alarm> alarms, List<EndpointDetail.Activity> activities) {
    static final Scaling NONE = new Scaling(null, List.of(), List.of(), List.of());
  }

  private static Scaling scaling(Cloud cloud, String endpoint, String variant) {
    ApplicationAutoScalingClient aas = cloud.autoScaling();
    String resource = "endpoint/" + endpoint + "/variant/" + variant;
    var targets = aas.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceIds(resource).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT))
        .scalableTargets();
    if (targets.isEmpty()) {
      return Scaling.NONE;
    }
    var target = new EndpointDetail.Target(resource, targets.get(0).minCapacity(), targets.get(0).maxCapacity());
    List<EndpointDetail.Policy> policies = new ArrayList<>();
    List<String> alarmNames = new ArrayList<>();
    for (ScalingPolicy p : aas.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(resource).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT))
        .scalingPolicies()) {
      List<String> alarms = p.alarms().stream().map(a -> a.alarmName()).toList();
      alarmNames.addAll(alarms);
      TargetTrackingScalingPolicyConfiguration tt = p.targetTrackingScalingPolicyConfiguration();
      String metric = null;
      if (tt != null && tt.predefinedMetricSpecification() != null) {
        metric = tt.predefinedMetricSpecification().predefinedMetricTypeAsString();
      } else if (tt != null && tt.customizedMetricSpecification() != null) {
        metric = tt.customizedMetricSpecification().metricName();
      }
      policies.add(new EndpointDetail.Policy(p.policyName(), p.policyTypeAsString(), metric,
          tt == null ? null : tt.targetValue(), tt == null ? null : tt.scaleInCooldown(),
          tt == null ? null : tt.scaleOutCooldown(), alarms));
    }
    List<EndpointDetail.Alarm> alarms = new ArrayList<>();
    if (!alarmNames.isEmpty()) {
      for (MetricAlarm a : cloud.cloudWatch().describeAlarms(b -> b.alarmNames(alarmNames)).metricAlarms()) {
        alarms.add(new EndpointDetail.Alarm(a.alarmName(), a.stateValueAsString(), a.stateReason(),
            a.stateUpdatedTimestamp()));
      }
    }
    List<EndpointDetail.Activity> activities = aas.describeScalingActivities(b -> b
        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resource)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).maxResults(ACTIVITIES))
        .scalingActivities().stream().filter(a -> a.startTime() != null)
        .map(a -> new EndpointDetail.Activity(a.startTime(), a.endTime(), a.statusCodeAsString(),
            a.description() == null ? "" : a.description(), a.cause() == null ? "" : a.cause()))
        .toList();
    return new Scaling(target, policies, alarms, activities);
  }

  private static int zeroIfNull(@Nullable Integer i) {
    return i == null ? 0 : i;
  }
}
