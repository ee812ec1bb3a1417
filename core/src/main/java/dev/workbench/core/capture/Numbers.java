package dev.workbench.core.capture;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/** How capture values are read from cells and written to CSV (plain decimals, empty for NaN as pandas writes). */
final class Numbers {
  private Numbers() {}

  /** The cell as a finite number, or null when it is empty or not one. */
  static @Nullable Double parse(@Nullable String cell) {
    if (cell == null || cell.isBlank()) {
      return null;
    }
    try {
      double v = Double.parseDouble(cell.trim());
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Full precision, no exponent; NaN as an empty cell. */
  static String format(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return BigDecimal.valueOf(v).setScale(1, RoundingMode.UNNECESSARY).toPlainString();
    }
    return BigDecimal.valueOf(v).toPlainString();
  }

  /** At most six decimals: a residual of values given with a few decimals, without binary noise. */
  static String residual(double v) {
    return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }
}
