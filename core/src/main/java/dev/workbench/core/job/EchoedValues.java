package dev.workbench.core.job;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Whether a value a model echoed is the value it was sent. Models often read CSV into a data frame and write it
 * back, so {@code 1.50} may come back as {@code 1.5}, {@code 007} as {@code 7}, {@code true} as {@code True}
 * and a missing value as {@code nan}; those are the same value. Text must come back as it was sent.
 */
final class EchoedValues {
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private EchoedValues() {}

  static boolean same(@Nullable String sent, @Nullable String echoed) {
    String a = sent == null ? "" : sent;
    String b = echoed == null ? "" : echoed;
    if (a.equals(b)) {
      return true;
    }
    String x = a.strip();
    String y = b.strip();
    if (x.equals(y) || (isWord(x) && x.equalsIgnoreCase(y))) {
      return true;
    }
    double u = number(x);
    double v = number(y);
    if (Double.isNaN(u) && Double.isNaN(v)) {
      return missing(x) && missing(y);
    }
    return Double.compare(u, v) == 0;
  }

  /** true, false and infinities, which writers spell in different cases. */
  private static boolean isWord(String s) {
    return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false") || s.equalsIgnoreCase("inf")
        || s.equalsIgnoreCase("-inf") || s.equalsIgnoreCase("infinity") || s.equalsIgnoreCase("-infinity");
  }

  private static boolean missing(String s) {
    return s.isEmpty() || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("null") || s.equalsIgnoreCase("none");
  }

  /** The number a value writes, NaN for a missing value or for text that is not a number. */
  private static double number(String s) {
    if (missing(s) || !NUMBER.matcher(s).matches()) {
      return Double.NaN;
    }
    return Double.parseDouble(s);
  }
}
