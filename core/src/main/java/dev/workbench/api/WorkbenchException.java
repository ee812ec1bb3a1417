package dev.workbench.api;

import org.jspecify.annotations.Nullable;

/** Base of every exception the Workbench API throws; unchecked so Kotlin and Java callers handle it alike. */
public class WorkbenchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WorkbenchException(String message) {
    super(message);
  }

  public WorkbenchException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
