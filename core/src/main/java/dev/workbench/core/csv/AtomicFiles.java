package dev.workbench.core.csv;

import dev.workbench.api.WorkbenchException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes a text file so that readers see the old file or the complete new one, never half of it. */
public final class AtomicFiles {
  /** What writes the content; may throw. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer out) throws IOException;
  }

  private AtomicFiles() {
  }

  /** Writes UTF-8 text to a temp file in the target's directory, syncs it, then moves it over the target. */
  public static void write(Path target, Content content) {
    Path file = target.toAbsolutePath();
    Path dir = file.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
      try (OutputStream bytes = Files.newOutputStream(temp);
           Writer out = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16)) {
        content.writeTo(out);
        out.flush();
      }
      // On disk before the move, so a crash cannot leave a complete-looking name over missing bytes.
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new WorkbenchException("Cannot write " + target + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new WorkbenchException("Cannot write " + target + ": " + e.getCause().getMessage(), e.getCause());
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: the target itself was never touched
        }
      }
    }
  }
}
