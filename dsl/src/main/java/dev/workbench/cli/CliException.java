package dev.workbench.cli;

/**
 * A user error found by the command line itself (bad option value, missing file); its message is the one line shown.
 *
 * <pre>{@code
 * throw new CliException("input file not found: " + input);
 * }</pre>
 */
public final class CliException extends RuntimeException {
  public CliException(String message) {
    super(message);
  }
}
