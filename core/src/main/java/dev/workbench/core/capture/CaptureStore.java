package dev.workbench.core.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceCapture;
import dev.workbench.api.ModelType;
import dev.workbench.api.WorkbenchException;
import dev.workbench.core.aws.AwsErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * Writes and reads inference captures in Workbench's layout ({@link CaptureLayout}). {@code inference_meta.json} is
 * what {@code wr.s3.to_json(pd.DataFrame([meta]), path, index=False)} writes: pandas' default "columns" orientation,
 * {@code {"name":{"0":"holdout"},"data_hash":{"0":"1a2b3c4d"},"num_rows":{"0":226},"description":{"0":"Holdout"}}},
 * which Workbench reads back with {@code wr.s3.read_json}. After Workbench's four keys come this project's
 * {@code failed_rows}, {@code target}, {@code model_type} and {@code created} (extra columns to Workbench's reader).
 * The CSVs have a header and no index column, as {@code to_csv(..., index=False)} writes them.
 */
public final class CaptureStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Client s3;
  private final String bucket;

  public CaptureStore(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /** Writes one capture; returns its S3 folder. A capture of the same name is replaced. */
  public String write(String endpoint, CaptureContent c, Instant created) {
    String folder = CaptureLayout.captureFolder(endpoint, c.name());
    ObjectNode meta = JSON.createObjectNode();
    column(meta, "name").put("0", c.name());
    column(meta, "data_hash").put("0", c.dataHash());
    column(meta, "num_rows").put("0", c.numRows());
    column(meta, "description").put("0", c.description());
    column(meta, "failed_rows").put("0", c.failedRows());
    column(meta, "target").put("0", c.target());
    column(meta, "model_type").put("0", c.type().value());
    column(meta, "created").put("0", created.toString());
    put(folder + CaptureLayout.META, meta.toString(), "application/json");
    if (c.metrics().columnCount() > 0) {
      put(folder + CaptureLayout.METRICS, c.metrics().toCsv(), "text/csv");
    } else {
      // Workbench writes no metrics file without ground truth; a stale one from an earlier run would mislead.
      delete(folder + CaptureLayout.METRICS);
    }
    put(folder + CaptureLayout.PREDICTIONS, c.predictions().toCsv(), "text/csv");
    if (c.confusionMatrix() != null) {
      put(folder + CaptureLayout.CONFUSION_MATRIX, c.confusionMatrix().toCsv(), "text/csv");
    }
    return "s3://" + bucket + "/" + folder;
  }

  private static ObjectNode column(ObjectNode meta, String name) {
    return meta.putObject(name);
  }

  /** Every capture of the endpoint, in S3's (name) order. */
  public List<InferenceCapture> list(String endpoint) {
    String prefix = CaptureLayout.inferenceFolder(endpoint);
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).delimiter("/")
          .continuationToken(next));
      for (CommonPrefix p : page.commonPrefixes()) {
        String name = p.prefix().substring(prefix.length());
        names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    List<InferenceCapture> captures = new ArrayList<>();
    for (String name : names) {
      InferenceCapture c = read(endpoint, name);
      if (c != null) {
        captures.add(c);
      }
    }
    return captures;
  }

  /** One capture, or null when its folder has no inference_meta.json. */
  public @Nullable InferenceCapture read(String endpoint, String name) {
    String folder = CaptureLayout.captureFolder(endpoint, name);
    String metaText = get(folder + CaptureLayout.META);
    if (metaText == null) {
      return null;
    }
    JsonNode meta = firstRecord(metaText, folder + CaptureLayout.META);
    String metricsText = get(folder + CaptureLayout.METRICS);
    String cmText = get(folder + CaptureLayout.CONFUSION_MATRIX);
    Frame metrics = metricsText == null || metricsText.isBlank() ? Frame.empty(List.of()) : Frame.parseCsv(metricsText);
    Frame cm = cmText == null || cmText.isBlank() ? null : Frame.parseCsv(cmText);
    JsonNode failed = meta.get("failed_rows");
    return new InferenceCapture(text(meta, "name", name), text(meta, "description", CaptureLayout.description(name)),
        text(meta, "data_hash", ""), meta.path("num_rows").asInt(0),
        failed == null || failed.isNull() ? null : failed.asInt(), meta.hasNonNull("target") ? meta.get("target").asText() : null,
        ModelType.of(meta.hasNonNull("model_type") ? meta.get("model_type").asText() : null), metrics, cm,
        created(meta), "s3://" + bucket + "/" + folder);
  }

  /** The meta as one record: pandas' "columns" orientation, a list of records, or a plain object. */
  private static JsonNode firstRecord(String text, String key) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw new WorkbenchException("Capture meta s3://.../" + key + " is not JSON: " + e.getMessage(), e);
    }
    if (root.isArray()) {
      return root.isEmpty() ? JSON.createObjectNode() : root.get(0);
    }
    ObjectNode record = JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode v = field.getValue();
      record.set(field.getKey(), v.isObject() ? (v.isEmpty() ? null : v.elements().next()) : v);
    }
    return record;
  }

  private static String text(JsonNode meta, String field, String fallback) {
    JsonNode v = meta.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  private static @Nullable Instant created(JsonNode meta) {
    JsonNode v = meta.get("created");
    if (v == null || v.isNull()) {
      return null;
    }
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private void put(String key, String body, String contentType) {
    try {
      s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromString(body,
          StandardCharsets.UTF_8));
    } catch (AwsServiceException e) {
      throw new WorkbenchException("Cannot store s3://" + bucket + "/" + key + ": " + AwsErrors.message(e), e);
    }
  }

  private void delete(String key) {
    s3.deleteObject(b -> b.bucket(bucket).key(key));
  }

  private @Nullable String get(String key) {
    try {
      return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    } catch (AwsServiceException e) {
      if (AwsErrors.isNotFound(e) || e.statusCode() == 404) {
        return null;
      }
      throw new WorkbenchException("Cannot read s3://" + bucket + "/" + key + ": " + AwsErrors.message(e), e);
    } catch (UncheckedIOException e) {
      throw new WorkbenchException("Cannot read s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
    }
  }
}
