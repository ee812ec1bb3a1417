package dev.workbench.console.viewmodel;

import dev.workbench.console.service.ConnectionRequest;
import dev.workbench.console.service.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What the console remembers between runs, typed, over a {@link SettingsStore}. */
public final class ConsoleSettings {
  private final SettingsStore store;

  public ConsoleSettings(SettingsStore store) {
    this.store = store;
  }

  public @Nullable WindowBounds window() { return WindowBounds.parse(store.get("window.bounds")); }

  public void window(WindowBounds bounds) { store.put("window.bounds", bounds.text()); }

  public boolean maximized() { return Boolean.parseBoolean(store.get("window.maximized")); }

  public void maximized(boolean maximized) { store.put("window.maximized", Boolean.toString(maximized)); }

  /** A split pane's divider position (0..1), or the fallback when none was saved or it is out of range. */
  public double divider(String split, double fallback) {
    String v = store.get("split." + split);
    try {
      double d = v == null ? fallback : Double.parseDouble(v);
      return d > 0.05 && d < 0.98 ? d : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  public void saveDivider(String split, double position) {
    store.put("split." + split, String.format(Locale.ROOT, "%.4f", position));
  }

  public boolean logVisible() { return !"false".equals(store.get("log.visible")); }

  public void logVisible(boolean visible) { store.put("log.visible", Boolean.toString(visible)); }

  public boolean darkTheme() { return "dark".equals(store.get("theme")); }

  public void darkTheme(boolean dark) { store.put("theme", dark ? "dark" : "light"); }

  /** The folder of the last CSV opened or saved, if it still exists. */
  public @Nullable Path lastFolder() {
    String v = store.get("files.lastFolder");
    if (v == null) {
      return null;
    }
    Path p = Path.of(v);
    return Files.isDirectory(p) ? p : null;
  }

  public void lastFolder(Path folder) { store.put("files.lastFolder", folder.toAbsolutePath().toString()); }

  /** The last connection that succeeded: kind, endpoint URL, profile, region. */
  public ConnectionRequest.@Nullable Kind connectionKind() {
    String v = store.get("connection.kind");
    try {
      return v == null ? null : ConnectionRequest.Kind.valueOf(v);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public @Nullable String connection(String field) { return store.get("connection." + field); }

  public void connection(ConnectionRequest.Kind kind, @Nullable String url, @Nullable String profile,
      @Nullable String region) {
    store.put("connection.kind", kind.name());
    store.put("connection.url", url);
    store.put("connection.profile", profile);
    store.put("connection.region", region);
  }

  public void flush() { store.flush(); }
}
