package dev.workbench.api;

/**
 * What the last {@link InferenceCache#inference} did: {@code hits} input rows were answered from the cache,
 * {@code misses} were not cached (sent to the endpoint, each distinct key once).
 */
public record CacheStats(int hits, int misses) {
  public static final CacheStats NONE = new CacheStats(0, 0);

  /** Rows looked at: hits plus misses. */
  public int rows() {
    return hits + misses;
  }

  /** Share of rows answered from the cache, 0 when there were none. */
  public double hitRate() {
    return rows() == 0 ? 0 : (double) hits / rows();
  }
}
