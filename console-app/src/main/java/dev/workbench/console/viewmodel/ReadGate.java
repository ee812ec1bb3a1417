package dev.workbench.console.viewmodel;

import javafx.beans.property.BooleanProperty;

/**
 * One background read at a time, without losing a request: asking while a read runs (another endpoint or range
 * picked) owes one more read, made when the running one ends, so what is shown always catches up with what was asked.
 */
final class ReadGate {
  private final BooleanProperty busy;
  private boolean again;

  ReadGate(BooleanProperty busy) {
    this.busy = busy;
  }

  /** True when the caller may start its read now; otherwise a read is owed for when the running one ends. */
  boolean tryStart() {
    if (busy.get()) {
      again = true;
      return false;
    }
    busy.set(true);
    return true;
  }

  /** Ends the running read, then makes the owed one, if any. */
  void finished(Runnable read) {
    busy.set(false);
    if (again) {
      again = false;
      read.run();
    }
  }
}
