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
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes a text file so that readers see the old file or the complete new one, never half of it. The new file gets
 * the permissions any new file gets (the umask's, e.g. 0644), or the replaced file's.
 *
 * <pre>{@code
 * AtomicFiles.checkWritable(out);               // before hours of work: refuse what cannot be written
 * AtomicFiles.write(out, w -> w.write("a,b\n"));
 * }</pre>
 */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> WRITE_BITS = EnumSet.of(PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  /** What writes the content; may throw. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer out) throws IOException;
  }

  /** A new, empty file beside the target, open for writing. */
  record Temp(Path path, OutputStream stream) {}

  private AtomicFiles() {
  }

  /**
   * Refuses, with the reason, a target that cannot be written: a directory, a read-only file (no write permission
   * bit, which root would otherwise ignore), or a place where no file can be created (tried for real, so a read-only
   * file system or a directory root cannot write into is caught too). Creates nothing that stays.
   */
  public static void checkWritable(Path target) {
    checkTarget(target);
    Path file = target.toAbsolutePath();
    Path dir = file.getParent();
    while (dir != null && !Files.exists(dir)) {
      dir = dir.getParent();
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new WorkbenchException("Cannot write " + target + ": " + dir + " is not a directory");
    }
    try {
      Temp probe = createTemp(dir, file);
      probe.stream().close();
      Files.delete(probe.path());
    } catch (IOException e) {
      throw new WorkbenchException("Cannot write " + target + ": cannot create a file in " + dir + " ("
          + describe(e) + ")", e);
    }
  }

  /** Writes UTF-8 text to a temp file in the target's directory, syncs it, then moves it over the target. */
  public static void write(Path target, Content content) {
    checkTarget(target);
    Path file = target.toAbsolutePath();
    Path temp = null;
    try {
      Files.createDirectories(file.getParent());
      Temp created = createTemp(file.getParent(), file);
      temp = created.path();
      try (OutputStream bytes = created.stream();
           Writer out = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16)) {
        content.writeTo(out);
        out.flush();
      }
      moveIntoPlace(temp, file);
      temp = null;
    } catch (IOException e) {
      throw new WorkbenchException("Cannot write " + target + ": " + describe(e), e);
    } catch (UncheckedIOException e) {
      throw new WorkbenchException("Cannot write " + target + ": " + describe(e.getCause()), e.getCause());
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * Creates {@code .<name>.<random>.tmp} in {@code dir}. Not {@code Files.createTempFile}: that makes files 0600
   * whatever the umask, and the temp file becomes the user's output file.
   */
  static Temp createTemp(Path dir, Path target) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path temp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      try {
        OutputStream stream = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
          keepPermissionsOf(target, temp);
        } catch (IOException e) {
          stream.close();
          deleteQuietly(temp);
          throw e;
        }
        return new Temp(temp, stream);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 10) {
          throw e;
        }
      }
    }
  }

  /** Syncs the temp file and moves it over the target. */
  static void moveIntoPlace(Path temp, Path target) throws IOException {
    // On disk before the move, so a crash cannot leave a complete-looking name over missing bytes.
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteQuietly(@org.jspecify.annotations.Nullable Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // best effort: only our own temp file; the target itself was never touched
      }
    }
  }

  /** The reason of a file error: the JDK puts only the path in the message of some (AccessDeniedException...). */
  static String describe(IOException e) {
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    return String.valueOf(e.getMessage());
  }

  /** Refuses a directory or a read-only file as the target (what the temp file's creation cannot tell). */
  static void checkTarget(Path target) {
    Path file = target.toAbsolutePath();
    if (Files.isDirectory(file)) {
      throw new WorkbenchException("Cannot write " + target + ": it is a directory");
    }
    if (Files.exists(file) && readOnly(file)) {
      throw new WorkbenchException("Cannot write " + target + ": the file is read-only");
    }
  }

  private static boolean readOnly(Path file) {
    if (!Files.isWritable(file)) {
      return true;
    }
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    try {
      return posix != null && posix.readAttributes().permissions().stream().noneMatch(WRITE_BITS::contains);
    } catch (IOException e) {
      return false; // cannot tell: the write itself will say
    }
  }

  /** A replaced file keeps its mode, as an editor's save does; a new one has the umask's. */
  static void keepPermissionsOf(Path target, Path temp) throws IOException {
    PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
    if (old != null && Files.isRegularFile(target)) {
      try {
        Files.setPosixFilePermissions(temp, old.readAttributes().permissions());
      } catch (java.nio.file.NoSuchFileException gone) {
        // replaced by nobody: the new file keeps the umask's permissions
      }
    }
  }
}
