package dev.workbench.core.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * One data-capture record as SageMaker writes it, one JSON object per line:
 * {@code {"captureData":{"endpointInput":{"observedContentType","mode","data","encoding"},"endpointOutput":{...}},
 * "eventMetadata":{"eventId","inferenceTime"},"eventVersion":"0"}}; {@code encoding} is CSV, JSON or BASE64.
 */
record CaptureRecord(@Nullable Instant time, @Nullable String eventId, @Nullable String input,
    @Nullable String output, @Nullable String inputContentType, @Nullable String outputContentType) {

  static CaptureRecord of(JsonNode line) {
    JsonNode data = line.path("captureData");
    JsonNode in = data.path("endpointInput");
    JsonNode out = data.path("endpointOutput");
    JsonNode meta = line.path("eventMetadata");
    return new CaptureRecord(time(text(meta, "inferenceTime")), text(meta, "eventId"), payload(in), payload(out),
        text(in, "observedContentType"), text(out, "observedContentType"));
  }

  private static @Nullable String payload(JsonNode part) {
    String data = text(part, "data");
    if (data == null) {
      return null;
    }
    if ("BASE64".equalsIgnoreCase(text(part, "encoding"))) {
      try {
        return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return data;
      }
    }
    return data;
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static @Nullable Instant time(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
