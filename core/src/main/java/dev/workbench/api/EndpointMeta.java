package dev.workbench.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Workbench metadata of an endpoint, decoded from its SageMaker tags (one tag per key; JSON values,
 * {@code b64:} values and {@code <key>_chunk_<n>} splits are undone by the codec in
 * {@code dev.workbench.core.endpoint.MetaTags}). Values here are the decoded strings.
 */
public final class EndpointMeta {
  public static final String WORKBENCH_TAGS = "workbench_tags";
  public static final String WORKBENCH_INPUT = "workbench_input";
  public static final String INSTANCE = "instance";
  public static final String MIN_INSTANCES = "min_instances";
  public static final String MAX_INSTANCES = "max_instances";
  public static final String SCALE_IN_IDLE_MINUTES = "scale_in_idle_minutes";
  public static final String ASYNC_ENDPOINT = "async_endpoint";
  public static final String ASYNC_MAX_CONCURRENT = "async_max_concurrent";
  /** Workbench's flag for a serverless deployment (true/false). */
  public static final String SERVERLESS = "serverless";
  public static final String INFERENCE_BATCH_SIZE = "inference_batch_size";
  public static final String INFERENCE_MAX_IN_FLIGHT = "inference_max_in_flight";

  /** Rows per async invocation when the meta does not say (Workbench's default). */
  public static final int DEFAULT_ASYNC_BATCH_SIZE = 10;
  /** Rows per sync invocation when the meta does not say. */
  public static final int DEFAULT_SYNC_BATCH_SIZE = 100;
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;

  private static final EndpointMeta EMPTY = new EndpointMeta(Map.of());

  private final Map<String, String> values;

  private EndpointMeta(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static EndpointMeta of(Map<String, String> decoded) {
    return decoded.isEmpty() ? EMPTY : new EndpointMeta(decoded);
  }

  public static EndpointMeta empty() {
    return EMPTY;
  }

  /** A copy with one more (or a replaced) key. */
  public EndpointMeta with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    return new EndpointMeta(copy);
  }

  public Map<String, String> asMap() {
    return values;
  }

  public @Nullable String get(String key) {
    return values.get(key);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** True when the tag says so; null when the endpoint carries no async_endpoint tag. */
  public @Nullable Boolean asyncEndpointTag() {
    String v = values.get(ASYNC_ENDPOINT);
    if (v == null || v.isBlank()) {
      return null;
    }
    return Boolean.parseBoolean(v.trim());
  }

  public boolean asyncEndpoint() {
    return Boolean.TRUE.equals(asyncEndpointTag());
  }

  /** True when the serverless tag says so; null when the endpoint carries none. */
  public @Nullable Boolean serverlessTag() {
    String v = values.get(SERVERLESS);
    if (v == null || v.isBlank()) {
      return null;
    }
    return Boolean.parseBoolean(v.trim());
  }

  public int batchSize() {
    return intValue(INFERENCE_BATCH_SIZE, asyncEndpoint() ? DEFAULT_ASYNC_BATCH_SIZE : DEFAULT_SYNC_BATCH_SIZE);
  }

  public int maxInFlight() {
    return intValue(INFERENCE_MAX_IN_FLIGHT, DEFAULT_MAX_IN_FLIGHT);
  }

  /** The Workbench tags (stored joined with "::"). */
  public List<String> tags() {
    String v = values.get(WORKBENCH_TAGS);
    if (v == null || v.isBlank()) {
      return List.of();
    }
    return Arrays.stream(v.split("::")).filter(s -> !s.isBlank()).toList();
  }

  public @Nullable String input() {
    return values.get(WORKBENCH_INPUT);
  }

  public @Nullable String instance() {
    return values.get(INSTANCE);
  }

  public int minInstances(int fallback) {
    return intValue(MIN_INSTANCES, fallback);
  }

  public int maxInstances(int fallback) {
    return intValue(MAX_INSTANCES, fallback);
  }

  public int scaleInIdleMinutes(int fallback) {
    return intValue(SCALE_IN_IDLE_MINUTES, fallback);
  }

  public int asyncMaxConcurrent(int fallback) {
    return intValue(ASYNC_MAX_CONCURRENT, fallback);
  }

  /** A whole number under {@code key}; {@code fallback} when absent or not a number (JSON floats like 10.0 accepted). */
  public int intValue(String key, int fallback) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return (int) Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EndpointMeta m && m.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "EndpointMeta" + values;
  }
}
