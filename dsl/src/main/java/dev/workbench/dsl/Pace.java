package dev.workbench.dsl;

/**
 * How fast the embedded local cloud's clock runs: endpoint creation, cold starts, metric periods and the
 * scale-in idle window.
 *
 * <pre>{@code
 * try (Workbench wb = Workbench.local(Path.of("/tmp/wb-demo"), Pace.DEMO)) { ... }
 * }</pre>
 */
public enum Pace {
  /** AWS-shaped delays (30 s cold start, scale-in after the policy's idle window). */
  AWS_LIKE,
  /** Short enough to watch an async endpoint scale out and back to zero within a minute. */
  DEMO,
  /** As short as tests can make it. */
  TEST
}
