package dev.workbench.cli;

/**
 * The exit codes of {@code workbench}: scripts rely on them.
 *
 * <pre>{@code
 * workbench infer ep -i in.csv -O out.csv; [ $? -eq 3 ] && echo "some rows failed, see out.csv"
 * }</pre>
 */
public final class ExitCodes {
  /** Everything worked (for {@code infer}: every row succeeded). */
  public static final int OK = 0;
  /** An error that produced no output (bad input, unknown endpoint, no credentials...). */
  public static final int ERROR = 1;
  /** Bad command-line usage. */
  public static final int USAGE = 2;
  /** {@code infer}: the output was written but some rows failed (their errors are in the output). */
  public static final int SOME_ROWS_FAILED = 3;
  /** Cancelled by Ctrl-C. */
  public static final int CANCELLED = 130;

  private ExitCodes() {}
}
