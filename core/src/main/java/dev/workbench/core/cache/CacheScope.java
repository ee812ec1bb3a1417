package dev.workbench.core.cache;

/**
 * Whose outputs a cache entry holds: an endpoint, the identity of the model deployed behind it when the
 * output was computed, and the input column whose value is the key.
 */
public record CacheScope(String endpoint, String model, String keyColumn) {
}
