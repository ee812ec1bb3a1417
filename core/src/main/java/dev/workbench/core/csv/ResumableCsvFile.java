package dev.workbench.core.csv;

import dev.workbench.api.Frame;
import dev.workbench.api.WorkbenchException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * A local CSV output written row batch by row batch into {@code .<name>.partial} beside the target, moved over the
 * target on commit. Each checkpoint syncs the partial file and records, in {@code .<name>.checkpoint}, how many rows
 * and bytes of it are complete and which input they came from; a run of the same input after a crash truncates the
 * partial file to the checkpoint and continues there, so no row is written twice or lost.
 */
public final class ResumableCsvFile implements RowSink {
  private final Path target;
  private final Path partial;
  private final Path checkpointFile;
  private final String identity;
  private final FileChannel channel;
  private final FileLock lock;
  private final Writer text;
  private final CsvLines lines;
  private final @Nullable Resumed resumed;
  private boolean finished;

  private ResumableCsvFile(Path target, Path partial, Path checkpointFile, String identity, FileChannel channel,
      FileLock lock, @Nullable Resumed resumed) {
    this.target = target;
    this.partial = partial;
    this.checkpointFile = checkpointFile;
    this.identity = identity;
    this.channel = channel;
    this.lock = lock;
    this.resumed = resumed;
    this.text = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8),
        1 << 16);
    this.lines = CsvLines.over(text);
  }

  /**
   * Opens the output for {@code target}. {@code identity} names the input and endpoint: a checkpoint left by a
   * run with the same identity is continued, any other partial output is started over.
   */
  public static ResumableCsvFile open(Path target, String identity) {
    AtomicFiles.checkTarget(target);
    Path file = target.toAbsolutePath();
    Path dir = file.getParent();
    Path partial = dir.resolve("." + file.getFileName() + ".partial");
    Path checkpoint = dir.resolve("." + file.getFileName() + ".checkpoint");
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel, target);
      Resumed resumed = readCheckpoint(checkpoint, partial, identity, channel);
      if (resumed == null) {
        channel.truncate(0);
        Files.deleteIfExists(checkpoint);
        AtomicFiles.keepPermissionsOf(file, partial); // the output keeps the mode of the file it replaces
      }
      channel.position(channel.size());
      return new ResumableCsvFile(file, partial, checkpoint, identity, channel, lock, resumed);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new WorkbenchException("Cannot write " + target + ": " + AtomicFiles.describe(e), e);
    }
  }

  private static FileLock tryLock(FileChannel channel, Path target) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new WorkbenchException("Cannot write " + target + ": another run is writing it now");
    }
    return lock;
  }

  /** The checkpoint of an earlier run of this identity, with the partial file cut back to it; null when none fits. */
  private static @Nullable Resumed readCheckpoint(Path checkpoint, Path partial, String identity, FileChannel channel)
      throws IOException {
    if (!Files.isRegularFile(checkpoint)) {
      return null;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(checkpoint, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (!identity.equals(p.getProperty("identity"))) {
      return null;
    }
    try {
      long rows = Long.parseLong(p.getProperty("rows", ""));
      long failed = Long.parseLong(p.getProperty("failed", ""));
      long bytes = Long.parseLong(p.getProperty("bytes", ""));
      String header = p.getProperty("header", "");
      if (rows < 0 || bytes <= 0 || bytes > channel.size() || header.isEmpty()) {
        return null;
      }
      channel.truncate(bytes);
      List<String> columns = CsvFrames.read(new StringReader(header), checkpoint.toString()).columns();
      return new Resumed(rows, failed, columns);
    } catch (RuntimeException e) {
      return null; // a checkpoint we cannot read is no checkpoint: start over
    }
  }

  @Override
  public Optional<Resumed> resumed() {
    return Optional.ofNullable(resumed);
  }

  private @Nullable List<String> header;

  @Override
  public void header(List<String> columns) {
    if (resumed != null || header != null) {
      throw new IllegalStateException("the header of " + target + " is already written");
    }
    header = List.copyOf(columns);
    io(() -> lines.header(columns));
  }

  @Override
  public void write(Frame rows) {
    io(() -> lines.rows(rows));
  }

  @Override
  public void checkpoint(long rows, long failed) {
    io(() -> {
      lines.flush();
      channel.force(false);
      List<String> columns = resumed != null ? resumed.columns() : header;
      StringBuilder headerLine = new StringBuilder();
      try (Writer w = new java.io.StringWriter()) {
        CsvLines l = CsvLines.over(w);
        l.header(columns == null ? List.of() : columns);
        l.flush();
        headerLine.append(w);
      }
      Properties p = new Properties();
      p.setProperty("identity", identity);
      p.setProperty("rows", Long.toString(rows));
      p.setProperty("failed", Long.toString(failed));
      p.setProperty("bytes", Long.toString(channel.position()));
      p.setProperty("header", headerLine.toString());
      AtomicFiles.write(checkpointFile, out -> p.store(out, "workbench streamed inference into " + target));
    });
  }

  @Override
  public void commit() {
    io(() -> {
      lines.flush();
      channel.force(true);
      release();
      AtomicFiles.moveIntoPlace(partial, target);
      Files.deleteIfExists(checkpointFile);
    });
    finished = true;
  }

  @Override
  public void discard() {
    if (finished) {
      return;
    }
    finished = true;
    release();
    AtomicFiles.deleteQuietly(partial);
    AtomicFiles.deleteQuietly(checkpointFile);
  }

  @Override
  public void close() {
    if (!finished) {
      finished = true;
      try {
        lines.flush();
      } catch (UncheckedIOException e) {
        // the checkpoint, not this flush, says what a resumed run keeps
      }
      release();
      if (!Files.exists(checkpointFile)) {
        AtomicFiles.deleteQuietly(partial); // nothing a resumed run could use
      }
    }
  }

  @Override
  public String target() {
    return target.toString();
  }

  private void release() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(@Nullable FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to do with it
      }
    }
  }

  private interface Io {
    void run() throws IOException;
  }

  private void io(Io step) {
    try {
      step.run();
    } catch (IOException e) {
      throw new WorkbenchException("Cannot write " + target + ": " + AtomicFiles.describe(e), e);
    } catch (UncheckedIOException e) {
      throw new WorkbenchException("Cannot write " + target + ": " + AtomicFiles.describe(e.getCause()), e.getCause());
    }
  }
}
