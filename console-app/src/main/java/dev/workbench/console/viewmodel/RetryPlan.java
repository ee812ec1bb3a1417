package dev.workbench.console.viewmodel;

import java.util.List;
import java.util.Locale;

/** What a retry of the failed rows would send, told before it is sent: transient failures and refused rows. */
public record RetryPlan(int transientRows, int deterministicRows) {
  static RetryPlan of(List<ResultRow> results) {
    int transientRows = 0;
    int deterministic = 0;
    for (ResultRow r : results) {
      String error = r.error();
      if (error != null) {
        if (FailureKind.of(error) == FailureKind.TRANSIENT) {
          transientRows++;
        } else {
          deterministic++;
        }
      }
    }
    return new RetryPlan(transientRows, deterministic);
  }

  public int total() {
    return transientRows + deterministicRows;
  }

  /** The question's text: which rows a retry can help, which the model will refuse again. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    if (transientRows > 0) {
      b.append(String.format(Locale.ROOT, "%,d %s failed transiently (timeout, throttling, the cloud unreachable, "
          + "a lost lease): a retry may well answer %s.", transientRows, rows(transientRows),
          transientRows == 1 ? "it" : "them"));
    }
    if (deterministicRows > 0) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(String.format(Locale.ROOT, "%,d %s the model refused (its own error, or an answer that failed the "
          + "checks): sent again unchanged, %s will fail again.", deterministicRows, rows(deterministicRows),
          deterministicRows == 1 ? "it" : "they"));
    }
    return b.toString();
  }

  private static String rows(int n) {
    return n == 1 ? "row" : "rows";
  }
}
