package dev.workbench.core.endpoint;

import dev.workbench.api.Cloud;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointNotFoundException;
import dev.workbench.api.ModelDescription;
import dev.workbench.core.deploy.ModelListing;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsResponse;

/** Every endpoint and model of the account/region, described. */
public final class EndpointListing {
  private EndpointListing() {}

  public static List<EndpointDescription> endpoints(Cloud cloud) {
    List<EndpointDescription> out = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListEndpointsResponse page = cloud.sageMaker().listEndpoints(b -> b.maxResults(100).nextToken(next));
      for (EndpointSummary s : page.endpoints()) {
        try {
          out.add(EndpointLookup.describe(cloud.sageMaker(), s.endpointName()));
        } catch (EndpointNotFoundException e) {
          // deleted between list and describe
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return out;
  }

  public static List<ModelDescription> models(Cloud cloud) {
    return ModelListing.models(cloud);
  }
}
