package dev.workbench.console.view;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** Reads on the FX thread and waits for conditions there, as the UI tests need. */
final class FxWait {
  private FxWait() {
  }

  static <T> T fx(Callable<T> action) {
    try {
      return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void await(int seconds, String what, Callable<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out waiting for " + what, e);
    }
  }
}
