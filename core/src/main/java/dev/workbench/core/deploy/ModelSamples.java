package dev.workbench.core.deploy;

import dev.workbench.api.Cloud;
import dev.workbench.api.Frame;
import dev.workbench.api.ModelNotFoundException;
import dev.workbench.api.WorkbenchException;
import dev.workbench.core.aws.AwsErrors;
import dev.workbench.core.endpoint.EndpointLookup;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A model's sample input rows: CSV at {@code s3://<bucket>/models/<model>/sample.csv}, found through the model's tag
 * {@code workbench_sample} (so a model registered elsewhere can point at its own sample).
 */
public final class ModelSamples {
  public static final String TAG = "workbench_sample";

  private ModelSamples() {}

  public static void store(Cloud cloud, String model, Frame rows) {
    if (rows.rowCount() == 0) {
      throw new IllegalArgumentException("a sample needs at least one row (columns " + rows.columns() + ")");
    }
    String arn = modelArn(cloud, model);
    String bucket = cloud.bucket();
    String key = "models/" + model + "/sample.csv";
    StringWriter csv = new StringWriter();
    rows.writeCsv(csv);
    cloud.s3().putObject(b -> b.bucket(bucket).key(key).contentType("text/csv"),
        RequestBody.fromString(csv.toString(), StandardCharsets.UTF_8));
    String uri = "s3://" + bucket + "/" + key;
    cloud.sageMaker().addTags(b -> b.resourceArn(arn).tags(t -> t.key(TAG).value(uri)));
  }

  public static @Nullable Frame read(Cloud cloud, String model) {
    String uri = EndpointLookup.tags(cloud.sageMaker(), modelArn(cloud, model)).get(TAG);
    if (uri == null || !uri.startsWith("s3://") || uri.indexOf('/', 5) < 0) {
      return null;
    }
    String bucket = uri.substring(5, uri.indexOf('/', 5));
    String key = uri.substring(uri.indexOf('/', 5) + 1);
    try (ResponseInputStream<GetObjectResponse> in = cloud.s3().getObject(b -> b.bucket(bucket).key(key))) {
      return Frame.readCsv(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (AwsServiceException e) {
      throw new WorkbenchException("The sample of model " + model + " (" + uri + ") cannot be read: "
          + AwsErrors.message(e), e);
    } catch (java.io.IOException e) {
      throw new WorkbenchException("The sample of model " + model + " (" + uri + ") cannot be read: " + e.getMessage(), e);
    }
  }

  private static String modelArn(Cloud cloud, String model) {
    try {
      return cloud.sageMaker().describeModel(b -> b.modelName(model)).modelArn();
    } catch (AwsServiceException e) {
      if (AwsErrors.isNotFound(e)) {
        throw new ModelNotFoundException(model);
      }
      throw e;
    }
  }
}
