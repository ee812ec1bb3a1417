package dev.workbench.api;

import org.jspecify.annotations.Nullable;

/** A table or CSV the API cannot accept; the message names the file, line or row, and column involved. */
public class FrameException extends WorkbenchException {
  private static final long serialVersionUID = 1L;

  public FrameException(String message) {
    super(message);
  }

  public FrameException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
