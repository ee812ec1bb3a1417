package dev.workbench.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A model to register in SageMaker: container image (local-cloud: {@code local/<model>}), optional
 * artifacts (.tar.gz in S3), environment, execution role (default: the Cloud's, else a placeholder role), and the
 * Workbench meta evaluation needs ({@link ModelMeta}: target, model type, class labels), stored as the model's tags.
 */
public record ModelRegistration(String image, @Nullable String modelDataUrl, Map<String, String> environment,
    @Nullable String executionRoleArn, ModelMeta meta) {

  public ModelRegistration(String image, @Nullable String modelDataUrl, Map<String, String> environment,
      @Nullable String executionRoleArn) {
    this(image, modelDataUrl, environment, executionRoleArn, ModelMeta.empty());
  }

  public ModelRegistration {
    Objects.requireNonNull(image, "image");
    if (image.isBlank()) {
      throw new IllegalArgumentException("image must not be blank");
    }
    environment = Map.copyOf(environment);
    Objects.requireNonNull(meta, "meta");
  }

  public static Builder builder() {
    return new Builder();
  }

  public static ModelRegistration of(Consumer<Builder> registration) {
    Builder b = builder();
    registration.accept(b);
    return b.build();
  }

  public static final class Builder {
    private @Nullable String image;
    private @Nullable String modelDataUrl;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private @Nullable String executionRoleArn;
    private ModelMeta meta = ModelMeta.empty();

    private Builder() {}

    public Builder image(String image) { this.image = image; return this; }
    public Builder modelDataUrl(@Nullable String s3Url) { this.modelDataUrl = s3Url; return this; }
    public Builder environment(Map<String, String> env) { this.environment.putAll(env); return this; }
    public Builder environment(String key, String value) { this.environment.put(key, value); return this; }
    public Builder executionRoleArn(@Nullable String arn) { this.executionRoleArn = arn; return this; }
    public Builder meta(ModelMeta meta) { this.meta = meta; return this; }
    /** A regressor of {@code target}: its predictions are scored with RMSE, MAE, R2 and Spearman. */
    public Builder regressor(String target) { this.meta = ModelMeta.regressor(target).withFeatures(meta.features()); return this; }
    /** A classifier of {@code target} with these class labels, in order. */
    public Builder classifier(String target, String... classLabels) {
      this.meta = ModelMeta.classifier(target, List.of(classLabels)).withFeatures(meta.features());
      return this;
    }
    /** The columns the model reads. */
    public Builder features(String... columns) { this.meta = meta.withFeatures(List.of(columns)); return this; }

    public ModelRegistration build() {
      if (image == null) {
        throw new IllegalArgumentException("image is required");
      }
      return new ModelRegistration(image, modelDataUrl, environment, executionRoleArn, meta);
    }
  }
}
