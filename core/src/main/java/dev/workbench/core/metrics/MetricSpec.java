package dev.workbench.core.metrics;

import dev.workbench.api.EndpointKind;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A SageMaker endpoint metric: its statistic and whether it is reported per variant (EndpointName +
 * VariantName) or per endpoint (EndpointName only), as CloudWatch publishes them in namespace AWS/SageMaker.
 */
public record MetricSpec(String name, String statistic, boolean perVariant) {
  public static final String NAMESPACE = "AWS/SageMaker";

  /** Realtime endpoints. Latencies are in microseconds. */
  public static final List<MetricSpec> SYNC = List.of(
      new MetricSpec("Invocations", "Sum", true),
      new MetricSpec("InvocationsPerInstance", "Sum", true),
      new MetricSpec("Invocation4XXErrors", "Sum", true),
      new MetricSpec("Invocation5XXErrors", "Sum", true),
      new MetricSpec("ModelLatency", "Average", true),
      new MetricSpec("OverheadLatency", "Average", true));

  /** Async endpoints: backlog metrics per endpoint, processing per variant ("Processsed" is SageMaker's spelling). */
  public static final List<MetricSpec> ASYNC = List.of(
      new MetricSpec("ApproximateBacklogSize", "Average", false),
      new MetricSpec("ApproximateBacklogSizePerInstance", "Average", false),
      new MetricSpec("ApproximateAgeOfOldestRequest", "Maximum", false),
      new MetricSpec("HasBacklogWithoutCapacity", "Maximum", false),
      new MetricSpec("InvocationsProcesssed", "Sum", true),
      new MetricSpec("InvocationFailures", "Sum", true),
      new MetricSpec("ModelLatency", "Average", true));

  /**
   * Serverless endpoints, Workbench's serverless preset: no per-instance metrics; ModelSetupTime (microseconds)
   * is the cold start, ServerlessConcurrentExecutionsUtilization the share of MaxConcurrency in use (0..1).
   */
  public static final List<MetricSpec> SERVERLESS = List.of(
      new MetricSpec("Invocations", "Sum", true),
      new MetricSpec("ModelLatency", "Average", true),
      new MetricSpec("OverheadLatency", "Average", true),
      new MetricSpec("ModelSetupTime", "Maximum", true),
      new MetricSpec("Invocation4XXErrors", "Sum", true),
      new MetricSpec("Invocation5XXErrors", "Sum", true),
      new MetricSpec("ServerlessConcurrentExecutionsUtilization", "Maximum", true));

  private static final Map<String, MetricSpec> KNOWN_SERVERLESS = index(SERVERLESS);
  private static final Map<String, MetricSpec> KNOWN_ASYNC = index(ASYNC);
  private static final Map<String, MetricSpec> KNOWN_SYNC = index(SYNC);

  private static Map<String, MetricSpec> index(List<MetricSpec> specs) {
    return specs.stream().collect(Collectors.toMap(MetricSpec::name, Function.identity()));
  }

  public static List<MetricSpec> defaultSet(boolean async) {
    return async ? ASYNC : SYNC;
  }

  public static List<MetricSpec> defaultSet(EndpointKind kind) {
    return switch (kind) {
      case ASYNC -> ASYNC;
      case SERVERLESS -> SERVERLESS;
      case SYNC -> SYNC;
    };
  }

  /** A named metric: the serverless spec for a serverless endpoint, else as {@link #named(String, boolean)}. */
  public static MetricSpec named(String name, EndpointKind kind) {
    MetricSpec spec = kind == EndpointKind.SERVERLESS ? KNOWN_SERVERLESS.get(name) : null;
    return spec != null ? spec : named(name, kind.async());
  }

  /** A named metric: its known spec for this kind of endpoint, else per variant with Average. */
  public static MetricSpec named(String name, boolean async) {
    MetricSpec spec = (async ? KNOWN_ASYNC : KNOWN_SYNC).get(name);
    if (spec == null) {
      spec = (async ? KNOWN_SYNC : KNOWN_ASYNC).get(name);
    }
    if (spec == null) {
      spec = KNOWN_SERVERLESS.get(name);
    }
    return spec != null ? spec : new MetricSpec(name, "Average", true);
  }
}
