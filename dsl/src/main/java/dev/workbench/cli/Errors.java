package dev.workbench.cli;

import dev.workbench.api.WorkbenchException;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns an exception into the one line a user reads on stderr. */
final class Errors {
  private Errors() {}

  static String oneLine(Throwable error) {
    Throwable e = unwrap(error);
    String text;
    if (e instanceof NoSuchFileException n) {
      text = "file not found: " + n.getFile();
    } else if (e instanceof AccessDeniedException a) {
      text = "permission denied: " + a.getFile();
    } else if (e instanceof FileNotFoundException f) {
      text = "file not found: " + f.getMessage();
    } else if (e instanceof WorkbenchException || e instanceof CliException) {
      text = String.valueOf(e.getMessage());
    } else if (e instanceof SdkException) {
      text = "AWS call failed: " + e.getMessage();
    } else if (e.getMessage() != null) {
      text = e.getMessage();
    } else {
      text = e.getClass().getSimpleName();
    }
    text = text.strip();
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl).strip();
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException || t instanceof UncheckedIOException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
