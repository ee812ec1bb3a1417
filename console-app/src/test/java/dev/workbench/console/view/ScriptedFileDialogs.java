package dev.workbench.console.view;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/** File dialogs answered by the test: the next path a user would pick, or null for Cancel. */
final class ScriptedFileDialogs implements FileDialogs {
  private final AtomicReference<@Nullable Path> nextOpen = new AtomicReference<>();
  private final AtomicReference<@Nullable Path> nextSave = new AtomicReference<>();
  private final AtomicReference<@Nullable String> suggested = new AtomicReference<>();
  private final AtomicReference<@Nullable Path> folder = new AtomicReference<>();

  void willOpen(Path path) {
    nextOpen.set(path);
  }

  void willSave(Path path) {
    nextSave.set(path);
  }

  /** The file name the save dialog suggested last. */
  @Nullable String suggestedName() {
    return suggested.get();
  }

  /** The folder the last dialog opened in. */
  @Nullable Path folder() {
    return folder.get();
  }

  @Override
  public @Nullable Path openCsv(Window owner, @Nullable Path in) {
    folder.set(in);
    return nextOpen.getAndSet(null);
  }

  @Override
  public @Nullable Path saveCsv(Window owner, @Nullable Path in, String suggestedName) {
    folder.set(in);
    suggested.set(suggestedName);
    return nextSave.getAndSet(null);
  }

  @Override
  public @Nullable Path savePng(Window owner, @Nullable Path in, String suggestedName) {
    folder.set(in);
    suggested.set(suggestedName);
    return nextSave.getAndSet(null);
  }
}
