package dev.workbench.cli;

/** A user error found by the command line itself (bad option value, missing file); message is the one line shown. */
public final class CliException extends RuntimeException {
  public CliException(String message) {
    super(message);
  }
}
