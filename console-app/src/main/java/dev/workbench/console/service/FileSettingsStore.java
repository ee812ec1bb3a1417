package dev.workbench.console.service;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings in a properties file under the data directory ({@code ~/.workbench/console.properties} by default).
 * A missing or unreadable file means defaults: a broken settings file must never keep the console from opening.
 */
public final class FileSettingsStore implements SettingsStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileSettingsStore.class);
  private final Path file;
  private final Properties values = new Properties();

  public FileSettingsStore(Path file) {
    this.file = file;
    if (Files.isRegularFile(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        values.load(r);
      } catch (IOException | IllegalArgumentException e) {
        LOG.warn("ignoring unreadable console settings {}: {}", file, e.getMessage());
        values.clear();
      }
    }
  }

  public Path file() { return file; }

  @Override
  public synchronized @Nullable String get(String key) {
    return values.getProperty(key);
  }

  @Override
  public synchronized void put(String key, @Nullable String value) {
    if (value == null) {
      values.remove(key);
    } else {
      values.setProperty(key, value);
    }
  }

  /** Writes a temporary file and moves it over the old one, so a crash mid-write leaves the old settings. */
  @Override
  public synchronized void flush() {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        values.store(w, "Workbench console settings");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the console settings to " + file, e);
    }
  }
}
