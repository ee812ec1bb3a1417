package dev.workbench.core.deploy;

import dev.workbench.api.Cloud;
import dev.workbench.api.DeployOptions;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.Model;
import dev.workbench.api.ModelDescription;
import dev.workbench.api.ModelMeta;
import dev.workbench.api.ModelNotFoundException;
import dev.workbench.api.ModelRegistration;
import dev.workbench.api.WorkbenchException;
import dev.workbench.core.aws.AwsErrors;
import dev.workbench.core.endpoint.CloudServices;
import dev.workbench.core.endpoint.EndpointLookup;
import dev.workbench.core.endpoint.MetaTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** A SageMaker model on a Cloud: describe, register, deploy, delete. */
public final class ModelCore implements Model {
  /** Used when neither the registration nor the settings name an execution role (local-cloud does not check it). */
  public static final String PLACEHOLDER_ROLE = "role/workbench-execution-role";

  private final String name;
  private final Cloud cloud;

  public ModelCore(String name, Cloud cloud, CloudServices services) {
    this.name = Names.check("modelName", name);
    this.cloud = cloud;
  }

  /** CreateModel; refuses a name already taken. */
  public static Model register(String name, ModelRegistration r, Cloud cloud, CloudServices services) {
    Names.check("modelName", name);
    String role = r.executionRoleArn() != null ? r.executionRoleArn()
        : cloud.settings().executionRoleArn() != null ? cloud.settings().executionRoleArn()
        : "arn:aws:iam::" + accountOr(cloud) + ":" + PLACEHOLDER_ROLE;
    ContainerDefinition container = ContainerDefinition.builder().image(r.image())
        .modelDataUrl(r.modelDataUrl()).environment(r.environment()).build();
    List<Tag> tags = MetaTags.sageMakerTags(r.meta().toMeta());
    try {
      cloud.sageMaker().createModel(b -> {
        b.modelName(name).primaryContainer(container).executionRoleArn(role);
        if (!tags.isEmpty()) {
          b.tags(tags);
        }
      });
    } catch (AwsServiceException e) {
      throw new WorkbenchException("CreateModel " + name + " failed: " + AwsErrors.message(e), e);
    }
    return new ModelCore(name, cloud, services);
  }

  private static String accountOr(Cloud cloud) {
    String account = cloud.accountId();
    return account != null ? account : "000000000000";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ModelDescription describe() {
    DescribeModelResponse m;
    try {
      m = cloud.sageMaker().describeModel(b -> b.modelName(name));
    } catch (AwsServiceException e) {
      if (AwsErrors.isNotFound(e)) {
        throw new ModelNotFoundException(name);
      }
      throw e;
    }
    return describe(m);
  }

  static ModelDescription describe(DescribeModelResponse m) {
    ContainerDefinition c = m.primaryContainer() != null ? m.primaryContainer()
        : m.hasContainers() && !m.containers().isEmpty() ? m.containers().get(0) : null;
    String image = c != null && c.image() != null ? c.image() : "";
    Map<String, String> env = c != null && c.hasEnvironment() ? c.environment() : Map.of();
    return new ModelDescription(m.modelName(), m.modelArn(), image, c == null ? null : c.modelDataUrl(), env,
        m.creationTime() != null ? m.creationTime() : Instant.EPOCH);
  }

  @Override
  public ModelMeta meta() {
    ModelMeta meta = readMeta(cloud.sageMaker(), name);
    if (meta == null) {
      throw new ModelNotFoundException(name);
    }
    return meta;
  }

  /** The evaluation meta in a model's tags; null when there is no such model. */
  public static @Nullable ModelMeta readMeta(SageMakerClient sm, String modelName) {
    String arn;
    try {
      arn = sm.describeModel(b -> b.modelName(modelName)).modelArn();
    } catch (AwsServiceException e) {
      if (AwsErrors.isNotFound(e)) {
        return null;
      }
      throw e;
    }
    return ModelMeta.fromMeta(MetaTags.decode(EndpointLookup.tags(sm, arn)));
  }

  @Override
  public void setMeta(ModelMeta meta) {
    SageMakerClient sm = cloud.sageMaker();
    String arn;
    try {
      arn = sm.describeModel(b -> b.modelName(name)).modelArn();
    } catch (AwsServiceException e) {
      if (AwsErrors.isNotFound(e)) {
        throw new ModelNotFoundException(name);
      }
      throw e;
    }
    Map<String, String> existing = EndpointLookup.tags(sm, arn);
    List<String> stale = new ArrayList<>();
    for (String key : ModelMeta.KEYS) {
      stale.addAll(MetaTags.storedKeys(key, existing));
    }
    if (!stale.isEmpty()) {
      sm.deleteTags(b -> b.resourceArn(arn).tagKeys(stale));
    }
    List<Tag> tags = MetaTags.sageMakerTags(meta.toMeta());
    if (!tags.isEmpty()) {
      sm.addTags(b -> b.resourceArn(arn).tags(tags));
    }
  }

  @Override
  public boolean exists() {
    try {
      describe();
      return true;
    } catch (ModelNotFoundException e) {
      return false;
    }
  }

  @Override
  public Endpoint toEndpoint() {
    return toEndpoint(DeployOptions.defaults());
  }

  @Override
  public Endpoint toEndpoint(Consumer<DeployOptions.Builder> options) {
    return toEndpoint(DeployOptions.of(options));
  }

  public Endpoint toEndpoint(DeployOptions options) {
    return cloud.endpoint(new Deployer(cloud).deploy(name, options));
  }

  /** Deletes the model (nothing happens when it is already gone). */
  @Override
  public void delete() {
    try {
      cloud.sageMaker().deleteModel(b -> b.modelName(name));
    } catch (AwsServiceException e) {
      if (!AwsErrors.isNotFound(e)) {
        throw e;
      }
    }
  }

  @Override
  public void sample(Frame rows) {
    ModelSamples.store(cloud, name, rows);
  }

  @Override
  public @Nullable Frame sample() {
    return ModelSamples.read(cloud, name);
  }

  @Override
  public String toString() {
    return "Model[" + name + "]";
  }
}
