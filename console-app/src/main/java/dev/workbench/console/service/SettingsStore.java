package dev.workbench.console.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Text settings kept between runs (window geometry, split positions, last connection, theme, last folder).
 * Injected, so that tests keep theirs in memory or in a temporary folder and never touch the user's.
 */
public interface SettingsStore {
  @Nullable String get(String key);

  /** Sets a value; null removes it. Kept in memory until {@link #flush()}. */
  void put(String key, @Nullable String value);

  /** Writes the settings out (the window calls it when it closes). */
  void flush();

  /** Settings that live as long as the process: tests, screenshot tours. */
  static SettingsStore inMemory() {
    Map<String, String> values = new ConcurrentHashMap<>();
    return new SettingsStore() {
      @Override
      public @Nullable String get(String key) { return values.get(key); }

      @Override
      public void put(String key, @Nullable String value) {
        if (value == null) {
          values.remove(key);
        } else {
          values.put(key, value);
        }
      }

      @Override
      public void flush() { }
    };
  }
}
