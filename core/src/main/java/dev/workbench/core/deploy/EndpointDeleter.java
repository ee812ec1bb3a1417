package dev.workbench.core.deploy;

import dev.workbench.api.Cloud;
import dev.workbench.api.EndpointNotFoundException;
import dev.workbench.api.WorkbenchException;
import dev.workbench.core.endpoint.EndpointLookup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * Deletes an endpoint and everything deploy made for it: scaling policies, the scalable target, CloudWatch
 * alarms (those of the policies and any named {@code workbench-<ep>-...}), the endpoint, its config and model.
 * Pieces already gone are skipped, so a half-deleted endpoint can be deleted again.
 */
public final class EndpointDeleter {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointDeleter.class);
  private static final Duration GONE_TIMEOUT = Duration.ofMinutes(10);

  private final SageMakerClient sm;
  private final ApplicationAutoScalingClient autoScaling;
  private final CloudWatchClient cloudWatch;

  public EndpointDeleter(Cloud cloud) {
    this.sm = cloud.sageMaker();
    this.autoScaling = cloud.autoScaling();
    this.cloudWatch = cloud.cloudWatch();
  }

  public void delete(String endpoint) {
    delete(endpoint, true);
  }

  /**
   * As {@link #delete(String)}; with {@code withModels} false the models stay registered (another endpoint or a
   * later deploy may use them).
   */
  public void delete(String endpoint, boolean withModels) {
    DescribeEndpointResponse ep = EndpointLookup.describeEndpoint(sm, endpoint);
    DescribeEndpointConfigResponse config = EndpointLookup.describeConfig(sm, ep.endpointConfigName());
    Set<String> variants = new LinkedHashSet<>();
    ep.productionVariants().stream().map(ProductionVariantSummary::variantName).forEach(variants::add);
    Set<String> models = new LinkedHashSet<>();
    if (config != null) {
      config.productionVariants().stream().map(ProductionVariant::variantName).forEach(variants::add);
      config.productionVariants().stream().map(ProductionVariant::modelName).forEach(models::add);
    }
    variants.add(Names.VARIANT);

    Set<String> alarms = new LinkedHashSet<>();
    EndpointScaling scaling = new EndpointScaling(autoScaling, cloudWatch);
    for (String variant : variants) {
      alarms.addAll(scaling.remove("endpoint/" + endpoint + "/variant/" + variant));
    }
    alarms.addAll(alarmsNamed(Names.alarmPrefix(endpoint)));
    if (!alarms.isEmpty()) {
      List<String> names = new ArrayList<>(alarms);
      for (int i = 0; i < names.size(); i += 100) {
        List<String> chunk = names.subList(i, Math.min(names.size(), i + 100));
        cloudWatch.deleteAlarms(b -> b.alarmNames(chunk));
      }
    }

    EndpointScaling.ignoreMissing(() -> sm.deleteEndpoint(b -> b.endpointName(endpoint)));
    waitGone(endpoint);
    if (ep.endpointConfigName() != null) {
      EndpointScaling.ignoreMissing(() -> sm.deleteEndpointConfig(b -> b.endpointConfigName(ep.endpointConfigName())));
    }
    for (String model : withModels ? models : Set.<String>of()) {
      EndpointScaling.ignoreMissing(() -> sm.deleteModel(b -> b.modelName(model)));
    }
    LOG.info("Deleted endpoint {} (config {}, models {}{}, alarms {})", endpoint, ep.endpointConfigName(), models,
        withModels ? "" : " kept", alarms);
  }

  private List<String> alarmsNamed(String prefix) {
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      var page = cloudWatch.describeAlarms(b -> b.alarmNamePrefix(prefix).nextToken(next));
      page.metricAlarms().stream().map(MetricAlarm::alarmName).forEach(names::add);
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return names;
  }

  /** SageMaker deletes endpoints in the background; wait so a redeploy under the same name works. */
  private void waitGone(String endpoint) {
    long deadline = System.nanoTime() + GONE_TIMEOUT.toNanos();
    long pause = 100;
    while (System.nanoTime() < deadline) {
      try {
        EndpointLookup.describeEndpoint(sm, endpoint);
      } catch (EndpointNotFoundException e) {
        return;
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WorkbenchException("Interrupted while deleting endpoint '" + endpoint + "'", e);
      }
      pause = Math.min(5000, pause * 2);
    }
    throw new WorkbenchException("Endpoint '" + endpoint + "' was still being deleted after " + GONE_TIMEOUT);
  }
}
