package dev.workbench.core.endpoint;

import dev.workbench.api.AsyncSettings;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointKind;
import dev.workbench.api.EndpointMeta;
import dev.workbench.api.EndpointNotFoundException;
import dev.workbench.api.ServerlessSettings;
import dev.workbench.core.aws.AwsErrors;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AsyncInferenceConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessConfig;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** Reads an endpoint's state, config and Workbench meta from SageMaker. */
public final class EndpointLookup {
  private EndpointLookup() {}

  /** DescribeEndpoint; a missing endpoint is an EndpointNotFoundException naming it. */
  public static DescribeEndpointResponse describeEndpoint(SageMakerClient sm, String name) {
    try {
      return sm.describeEndpoint(b -> b.endpointName(name));
    } catch (AwsServiceException e) {
      if (AwsErrors.isNotFound(e)) {
        throw new EndpointNotFoundException(name, e);
      }
      throw e;
    }
  }

  /** DescribeEndpointConfig, or null when the config is gone. */
  public static @Nullable DescribeEndpointConfigResponse describeConfig(SageMakerClient sm, @Nullable String configName) {
    if (configName == null) {
      return null;
    }
    try {
      return sm.describeEndpointConfig(b -> b.endpointConfigName(configName));
    } catch (AwsServiceException e) {
      if (AwsErrors.isNotFound(e)) {
        return null;
      }
      throw e;
    }
  }

  /** Every tag on a resource, key -> stored value. */
  public static Map<String, String> tags(SageMakerClient sm, String arn) {
    Map<String, String> tags = new LinkedHashMap<>();
    String token = null;
    do {
      String next = token;
      ListTagsResponse page = sm.listTags(b -> b.resourceArn(arn).maxResults(100).nextToken(next));
      for (Tag t : page.tags()) {
        tags.put(t.key(), t.value());
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return tags;
  }

  public static EndpointMeta meta(SageMakerClient sm, String arn) {
    return MetaTags.decodeMeta(tags(sm, arn));
  }

  /**
   * The routing rule: the meta tag async_endpoint when present, else whether SageMaker shows an
   * AsyncInferenceConfig on the endpoint (or its config).
   */
  public static boolean isAsync(SageMakerClient sm, DescribeEndpointResponse ep, EndpointMeta meta) {
    Boolean tag = meta.asyncEndpointTag();
    if (tag != null) {
      return tag;
    }
    if (ep.asyncInferenceConfig() != null) {
      return true;
    }
    DescribeEndpointConfigResponse config = describeConfig(sm, ep.endpointConfigName());
    return config != null && config.asyncInferenceConfig() != null;
  }

  /** A serverless endpoint's MaxConcurrency as DescribeEndpoint reports it; null for instance-based endpoints. */
  public static @Nullable Integer serverlessMaxConcurrency(DescribeEndpointResponse ep) {
    ServerlessSettings s = ep.hasProductionVariants() && !ep.productionVariants().isEmpty()
        ? serverless(ep.productionVariants().get(0), null) : null;
    return s == null ? null : s.maxConcurrency();
  }

  /** Everything describe() reports. */
  public static EndpointDescription describe(SageMakerClient sm, String name) {
    DescribeEndpointResponse ep = describeEndpoint(sm, name);
    DescribeEndpointConfigResponse config = describeConfig(sm, ep.endpointConfigName());
    EndpointMeta meta = meta(sm, ep.endpointArn());
    return describe(ep, config, meta);
  }

  static EndpointDescription describe(DescribeEndpointResponse ep, @Nullable DescribeEndpointConfigResponse config,
      EndpointMeta meta) {
    AsyncInferenceConfig asyncConfig = ep.asyncInferenceConfig() != null ? ep.asyncInferenceConfig()
        : config != null ? config.asyncInferenceConfig() : null;
    Boolean tag = meta.asyncEndpointTag();
    boolean async = tag != null ? tag : asyncConfig != null;
    ProductionVariantSummary variant = ep.hasProductionVariants() && !ep.productionVariants().isEmpty()
        ? ep.productionVariants().get(0) : null;
    ProductionVariant configured = config != null && config.hasProductionVariants() && !config.productionVariants().isEmpty()
        ? config.productionVariants().get(0) : null;
    ServerlessSettings serverless = serverless(variant, configured);
    String instanceType = serverless != null ? null
        : configured != null ? configured.instanceTypeAsString() : meta.instance();
    int current = variant != null && variant.currentInstanceCount() != null ? variant.currentInstanceCount() : 0;
    int desired = variant != null && variant.desiredInstanceCount() != null ? variant.desiredInstanceCount() : current;
    String variantName = variant != null ? variant.variantName() : configured != null ? configured.variantName() : "AllTraffic";
    AsyncSettings settings = null;
    if (asyncConfig != null) {
      Integer perInstance = asyncConfig.clientConfig() == null ? null
          : asyncConfig.clientConfig().maxConcurrentInvocationsPerInstance();
      var output = asyncConfig.outputConfig();
      settings = new AsyncSettings(perInstance == null ? 1 : perInstance,
          output == null || output.s3OutputPath() == null ? "" : output.s3OutputPath(),
          output == null ? null : output.s3FailurePath());
    }
    Instant created = ep.creationTime() != null ? ep.creationTime() : Instant.EPOCH;
    Instant modified = ep.lastModifiedTime() != null ? ep.lastModifiedTime() : created;
    EndpointKind kind = async ? EndpointKind.ASYNC : serverless != null || Boolean.TRUE.equals(meta.serverlessTag())
        ? EndpointKind.SERVERLESS : EndpointKind.SYNC;
    return new EndpointDescription(ep.endpointName(), ep.endpointArn(), ep.endpointStatusAsString(),
        ep.failureReason(), async, instanceType, current, desired, variantName,
        configured != null ? configured.modelName() : null, settings, created, modified, kind, serverless);
  }

  /**
   * The serverless size: what DescribeEndpoint says the variant runs with (CurrentServerlessConfig, else the
   * desired one during an update), else the config's ServerlessConfig; null for an instance-based variant.
   */
  private static @Nullable ServerlessSettings serverless(@Nullable ProductionVariantSummary variant,
      @Nullable ProductionVariant configured) {
    ProductionVariantServerlessConfig c = variant == null ? null
        : variant.currentServerlessConfig() != null ? variant.currentServerlessConfig() : variant.desiredServerlessConfig();
    if (c == null && configured != null) {
      c = configured.serverlessConfig();
    }
    if (c == null || c.memorySizeInMB() == null || c.maxConcurrency() == null) {
      return null;
    }
    return new ServerlessSettings(c.memorySizeInMB(), c.maxConcurrency(), c.provisionedConcurrency());
  }
}
