package dev.workbench.core.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.api.EndpointMeta;
import dev.workbench.api.WorkbenchException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Workbench's encoding of endpoint metadata in SageMaker tags: one tag per key; values that are not strings are
 * JSON-encoded ({@code true} -> {@code "true"}); values with characters outside what tags allow are stored as
 * {@code "b64:" + base64}; stored values of 256 characters or more are split into {@code <key>_chunk_<n>} tags
 * (n from 1, at most 255 characters each); an empty value is stored as {@code " "} (SageMaker refuses empty tag values on some paths).
 */
public final class MetaTags {
  /** Longest value one tag may hold; longer stored values are chunked. */
  public static final int MAX_VALUE = 256;
  /** Characters a tag value may hold as is. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9 _.:/=+@-]*");
  private static final Pattern CHUNK = Pattern.compile("(.+)_chunk_(\\d+)");
  private static final String B64 = "b64:";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MetaTags() {}

  /** Encodes decoded meta values (strings as they are, anything else as JSON) into tags, key -> stored value. */
  public static Map<String, String> encode(Map<String, ?> meta) {
    Map<String, String> tags = new LinkedHashMap<>();
    meta.forEach((key, value) -> encodeOne(key, value, tags));
    return tags;
  }

  /** The encoded meta as SageMaker tags, for Create*'s Tags and AddTags. */
  public static List<Tag> sageMakerTags(Map<String, ?> meta) {
    return encode(meta).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  public static Map<String, String> encode(EndpointMeta meta) {
    return encode(meta.asMap());
  }

  private static void encodeOne(String key, Object value, Map<String, String> tags) {
    String text = value instanceof String s ? s : json(value);
    String stored;
    if (text.isEmpty()) {
      stored = " ";
    } else if (SAFE.matcher(text).matches()) {
      stored = text;
    } else {
      stored = B64 + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
    if (stored.length() < MAX_VALUE) {
      tags.put(key, stored);
      return;
    }
    int n = 1;
    for (int i = 0; i < stored.length(); i += MAX_VALUE - 1, n++) {
      tags.put(key + "_chunk_" + n, stored.substring(i, Math.min(stored.length(), i + MAX_VALUE - 1)));
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new WorkbenchException("Cannot encode meta value of type " + value.getClass().getName(), e);
    }
  }

  /** Decodes tags (key -> stored value) back into meta values; other tags (e.g. "aws:...") pass through. */
  public static Map<String, String> decode(Map<String, String> tags) {
    Map<String, String> joined = new LinkedHashMap<>();
    Map<String, TreeMap<Integer, String>> chunks = new LinkedHashMap<>();
    tags.forEach((key, value) -> {
      Matcher m = CHUNK.matcher(key);
      if (m.matches()) {
        chunks.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), value);
      } else {
        joined.put(key, value);
      }
    });
    chunks.forEach((key, parts) -> joined.put(key, String.join("", parts.values())));
    Map<String, String> decoded = new LinkedHashMap<>();
    joined.forEach((key, stored) -> decoded.put(key, decodeValue(stored)));
    return decoded;
  }

  public static EndpointMeta decodeMeta(Map<String, String> tags) {
    return EndpointMeta.of(decode(tags));
  }

  private static String decodeValue(String stored) {
    if (stored.equals(" ")) {
      return "";
    }
    if (stored.startsWith(B64)) {
      try {
        return new String(Base64.getDecoder().decode(stored.substring(B64.length())), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return stored; // not ours: keep it as written
      }
    }
    return stored;
  }

  /** The Workbench meta of a deployment, as {@link #encode(Map)} takes it. */
  public static Map<String, Object> deployMeta(List<String> workbenchTags, String instance, boolean async,
      boolean autoscaled, int minInstances, int maxInstances, int idleMinutes, int maxConcurrent, int batchSize, int maxInFlight,
      String input) {
    Map<String, Object> kind = new LinkedHashMap<>();
    kind.put(EndpointMeta.INSTANCE, instance);
    kind.put(EndpointMeta.ASYNC_ENDPOINT, async);
    Map<String, Object> meta = meta(workbenchTags, input, kind, batchSize, maxInFlight);
    if (autoscaled) {
      meta.put(EndpointMeta.MIN_INSTANCES, minInstances);
      meta.put(EndpointMeta.MAX_INSTANCES, maxInstances);
    }
    if (async) {
      meta.put(EndpointMeta.SCALE_IN_IDLE_MINUTES, idleMinutes);
      meta.put(EndpointMeta.ASYNC_MAX_CONCURRENT, maxConcurrent);
    }
    return meta;
  }

  /**
   * The Workbench meta of a serverless deployment: {@code serverless: true} and {@code async_endpoint: false}, as
   * Workbench's to_endpoint records them; no instance or autoscaling keys (serverless capacity is SageMaker's).
   */
  public static Map<String, Object> serverlessMeta(List<String> workbenchTags, int batchSize, int maxInFlight,
      String input) {
    Map<String, Object> kind = new LinkedHashMap<>();
    kind.put(EndpointMeta.SERVERLESS, true);
    kind.put(EndpointMeta.ASYNC_ENDPOINT, false);
    return meta(workbenchTags, input, kind, batchSize, maxInFlight);
  }

  private static Map<String, Object> meta(List<String> workbenchTags, String input, Map<String, Object> kind,
      int batchSize, int maxInFlight) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put(EndpointMeta.WORKBENCH_TAGS, String.join("::", workbenchTags));
    meta.put(EndpointMeta.WORKBENCH_INPUT, input);
    meta.putAll(kind);
    meta.put(EndpointMeta.INFERENCE_BATCH_SIZE, batchSize);
    meta.put(EndpointMeta.INFERENCE_MAX_IN_FLIGHT, maxInFlight);
    return meta;
  }

  /** Tag keys of a meta key as {@link #encode} may have written it (plain and chunks), for removal. */
  public static List<String> storedKeys(String key, Map<String, String> tags) {
    List<String> keys = new ArrayList<>();
    for (String k : tags.keySet()) {
      if (k.equals(key) || (k.startsWith(key + "_chunk_") && CHUNK.matcher(k).matches())) {
        keys.add(k);
      }
    }
    return keys;
  }
}
