package dev.workbench.core.deploy;

import dev.workbench.api.Cloud;
import dev.workbench.api.ModelDescription;
import dev.workbench.core.aws.AwsErrors;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.model.ListModelsResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelSummary;

/** Every model, described. */
public final class ModelListing {
  private ModelListing() {}

  public static List<ModelDescription> models(Cloud cloud) {
    List<ModelDescription> out = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListModelsResponse page = cloud.sageMaker().listModels(b -> b.maxResults(100).nextToken(next));
      for (ModelSummary s : page.models()) {
        try {
          out.add(ModelCore.describe(cloud.sageMaker().describeModel(b -> b.modelName(s.modelName()))));
        } catch (AwsServiceException e) {
          if (!AwsErrors.isNotFound(e)) { // deleted between list and describe
            throw e;
          }
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return out;
  }
}
