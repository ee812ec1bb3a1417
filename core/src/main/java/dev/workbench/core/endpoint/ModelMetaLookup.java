package dev.workbench.core.endpoint;

import dev.workbench.api.EndpointMeta;
import dev.workbench.api.ModelMeta;
import dev.workbench.core.deploy.ModelCore;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * Finds the evaluation meta of an endpoint's model: the model its {@code workbench_input} names (a SageMaker model
 * here; on AWS, Workbench keeps it on the model package group of that name), else the model of its production
 * variant.
 */
public final class ModelMetaLookup {
  private ModelMetaLookup() {}

  /** The model whose meta was found (or the one looked at last) and its meta, possibly empty. */
  public record Found(String modelName, ModelMeta meta) {}

  public static Found forEndpoint(SageMakerClient sm, DescribeEndpointResponse ep, EndpointMeta meta) {
    String input = meta.input();
    String looked = input != null && !input.isBlank() ? input : ep.endpointName();
    if (input != null && !input.isBlank() && !input.equals("unknown")) {
      ModelMeta m = ModelCore.readMeta(sm, input);
      if (m != null && !m.isEmpty()) {
        return new Found(input, m);
      }
      ModelMeta group = packageGroupMeta(sm, input);
      if (group != null && !group.isEmpty()) {
        return new Found(input, group);
      }
    }
    DescribeEndpointConfigResponse config = EndpointLookup.describeConfig(sm, ep.endpointConfigName());
    if (config != null && config.hasProductionVariants() && !config.productionVariants().isEmpty()) {
      String variantModel = config.productionVariants().get(0).modelName();
      if (variantModel != null) {
        ModelMeta m = ModelCore.readMeta(sm, variantModel);
        if (m != null && !m.isEmpty()) {
          return new Found(variantModel, m);
        }
        looked = variantModel;
      }
    }
    return new Found(looked, ModelMeta.empty());
  }

  /** Workbench's own models are model package groups with the meta in their tags; null where there is none. */
  private static @Nullable ModelMeta packageGroupMeta(SageMakerClient sm, String name) {
    try {
      String arn = sm.describeModelPackageGroup(b -> b.modelPackageGroupName(name)).modelPackageGroupArn();
      return ModelMeta.fromMeta(MetaTags.decode(EndpointLookup.tags(sm, arn)));
    } catch (AwsServiceException e) {
      // No such group, or a service (such as local-cloud) without model packages: there is no meta there.
      if (e.statusCode() == 400 || e.statusCode() == 404) {
        return null;
      }
      throw e;
    }
  }
}
