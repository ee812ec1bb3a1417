package dev.workbench.api;

import dev.workbench.core.cache.CacheMerge;
import dev.workbench.core.cache.CacheScope;
import dev.workbench.core.cache.CacheStore;
import java.nio.file.Path;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Inference through a cache of model outputs keyed by one input column (e.g. {@code "smiles"}): only rows whose
 * key is not cached are sent to the endpoint (each distinct key once), and the results are merged back in the
 * caller's row order. Result columns: the input's columns, then the model's output columns, then
 * {@value Frame#ERROR_COLUMN}. Rows that failed are never cached.
 *
 * <p>Entries belong to the endpoint and the model deployed behind it (the endpoint's model name and creation
 * time): after a redeploy the old outputs are not served, and are pruned. The cache is an SQLite file that
 * threads and processes can share; close it (try-with-resources / {@code use {}}).
 */
public final class InferenceCache implements AutoCloseable {
  /** The cache file under a data directory. */
  public static final String FILE = "cache/inference-cache.db";

  private final Endpoint endpoint;
  private final String keyColumn;
  private final CacheStore store;
  private volatile CacheStats lastStats = CacheStats.NONE;

  /**
   * A cache in {@code <dataDir>/cache/inference-cache.db}, the data directory being {@code WORKBENCH_DATA_DIR}
   * or {@code ~/.workbench}. Use {@link #InferenceCache(Endpoint, String, Cloud)} for a connection's own one.
   */
  public InferenceCache(Endpoint endpoint, String keyColumn) {
    this(endpoint, keyColumn, defaultDataDir().resolve(FILE));
  }

  /** A cache in the connection's data directory: {@code <dataDir>/cache/inference-cache.db}. */
  public InferenceCache(Endpoint endpoint, String keyColumn, Cloud cloud) {
    this(endpoint, keyColumn, cloud.dataDir().resolve(FILE));
  }

  /** A cache in this SQLite file (created when missing). */
  public InferenceCache(Endpoint endpoint, String keyColumn, Path file) {
    if (keyColumn.isBlank()) {
      throw new FrameException("The cache key column name is blank");
    }
    this.endpoint = endpoint;
    this.keyColumn = keyColumn;
    this.store = CacheStore.open(file);
  }

  /**
   * N rows in, N rows out in input order. Throws {@link FrameException} when the key column is missing or the
   * frame has no rows, and {@link InferenceFailedException} when every row failed.
   */
  public Frame inference(Frame input) {
    return inference(input, o -> { });
  }

  /** As {@link #inference(Frame)}, the misses sent with these options (batch size, timeouts...). */
  public Frame inference(Frame input, Consumer<InferenceOptions.Builder> options) {
    if (InferenceOptions.of(options).capture() != null) {
      // Only the misses reach the endpoint: a capture of them would score a part of the rows as if it were all.
      throw new IllegalArgumentException("an inference capture scores every row: run it with endpoint.inference(frame,"
          + " o -> o.capture(...)), not through the cache");
    }
    CacheMerge.validate(endpoint.name(), keyColumn, input); // before any call to the endpoint
    CacheMerge.Result result = CacheMerge.run(endpoint, store, scope(), input, options);
    lastStats = new CacheStats(result.hits(), result.misses());
    return result.frame();
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public String keyColumn() {
    return keyColumn;
  }

  /** The SQLite file. */
  public Path file() {
    return store.file();
  }

  /** Entries cached for this endpoint's current model and this key column. */
  public long size() {
    return store.size(scope());
  }

  /** Removes every entry of this endpoint (whatever the model or key column). */
  public void clear() {
    store.clear(endpoint.name());
  }

  /** Removes these keys (of this endpoint and key column); returns how many entries were removed. */
  public int delete(Collection<String> keys) {
    return store.delete(endpoint.name(), keyColumn, keys);
  }

  /** Hits and misses of the last {@link #inference} call (zeros before the first). */
  public CacheStats lastStats() {
    return lastStats;
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return "InferenceCache[endpoint=" + endpoint.name() + ", key=" + keyColumn + ", file=" + store.file() + "]";
  }

  private CacheScope scope() {
    return CacheMerge.scope(endpoint, keyColumn);
  }

  private static Path defaultDataDir() {
    String dir = System.getenv("WORKBENCH_DATA_DIR");
    return dir != null && !dir.isBlank() ? Path.of(dir) : CloudSettings.defaultDataDir();
  }
}
