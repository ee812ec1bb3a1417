package dev.workbench.core.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.api.Frame;
import dev.workbench.api.WorkbenchException;
import dev.workbench.core.endpoint.EndpointLookup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * Reads an endpoint's data-capture records (JSON lines under the capture destination the endpoint reports)
 * back as a Frame with columns time, event_id, input, output, input_content_type, output_content_type, in time
 * order. Objects older than the range are skipped by their LastModified before being read.
 */
public final class CaptureReader {
  public static final List<String> COLUMNS =
      List.of("time", "event_id", "input", "output", "input_content_type", "output_content_type");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SageMakerClient sageMaker;
  private final S3Client s3;

  public CaptureReader(SageMakerClient sageMaker, S3Client s3) {
    this.sageMaker = sageMaker;
    this.s3 = s3;
  }

  public Frame read(String endpointName, Duration since) {
    DescribeEndpointResponse ep = EndpointLookup.describeEndpoint(sageMaker, endpointName);
    DataCaptureConfigSummary capture = ep.dataCaptureConfig();
    if (capture == null || capture.destinationS3Uri() == null) {
      throw new WorkbenchException("Endpoint '" + endpointName + "' has no data capture configured "
          + "(deploy it with dataCapture(true))");
    }
    Instant from = Instant.now().minus(since);
    URI destination = URI.create(capture.destinationS3Uri());
    String bucket = destination.getHost();
    String prefix = destination.getPath().replaceFirst("^/", "");
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix += "/";
    }
    List<CaptureRecord> records = new ArrayList<>();
    for (S3Object object : list(bucket, prefix)) {
      if (object.lastModified() != null && object.lastModified().isBefore(from)) {
        continue;
      }
      readObject(bucket, object.key(), from, records);
    }
    records.sort(Comparator.comparing(r -> r.time() == null ? Instant.EPOCH : r.time()));
    Frame.Builder frame = Frame.builder(COLUMNS.toArray(String[]::new));
    for (CaptureRecord r : records) {
      frame.row(Arrays.asList(r.time() == null ? null : r.time().toString(), r.eventId(), r.input(), r.output(),
          r.inputContentType(), r.outputContentType()));
    }
    return frame.build();
  }

  private List<S3Object> list(String bucket, String prefix) {
    List<S3Object> objects = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).continuationToken(next));
      objects.addAll(page.contents());
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return objects;
  }

  private void readObject(String bucket, String key, Instant from, List<CaptureRecord> into) {
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key));
         BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = JSON.readTree(line);
        CaptureRecord record = CaptureRecord.of(node);
        if (record.time() == null || !record.time().isBefore(from)) {
          into.add(record);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read capture object s3://" + bucket + "/" + key, e);
    }
  }
}
