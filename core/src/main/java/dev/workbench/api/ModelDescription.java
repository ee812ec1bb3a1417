package dev.workbench.api;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A SageMaker model as DescribeModel reports it. */
public record ModelDescription(String name, String arn, String image, @Nullable String modelDataUrl,
    Map<String, String> environment, Instant created) {
  public ModelDescription {
    environment = Map.copyOf(environment);
  }
}
