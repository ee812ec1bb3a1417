package dev.workbench.console.viewmodel;

import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.value.ChangeListener;

/**
 * What stands in the way of something that drops the CSV run (closing the window, another connection, a new
 * file, running again): a run still going, or results not saved. The view asks the question this words; the
 * answers (cancel the run, save the results) are carried out here, and the action follows once they are done.
 */
public final class RunGuard {
  /** Why to ask before the action. */
  public enum Concern { NONE, RUNNING, UNSAVED }

  /**
   * The action asked about: {@code verb} for buttons ("close", "open"), {@code doing} for the text ("Closing the
   * console", "Opening next.csv"); {@code dropsResults} false for one that leaves them on screen (a new connection,
   * after which Retry and Run remaining rows would go to the new cloud).
   */
  public record Action(String verb, String doing, boolean dropsResults) {
    public Action(String verb, String doing) {
      this(verb, doing, true);
    }
  }

  private final InferenceViewModel inference;

  public RunGuard(InferenceViewModel inference) {
    this.inference = inference;
  }

  public Concern concern() {
    if (inference.runningProperty().get()) {
      return Concern.RUNNING;
    }
    return inference.unsavedProperty().get() && !inference.results().isEmpty() ? Concern.UNSAVED : Concern.NONE;
  }

  public String header() {
    return switch (concern()) {
      case RUNNING -> "A run is going on " + inference.jobEndpoint();
      case UNSAVED -> "The results are not saved";
      case NONE -> "";
    };
  }

  public String text(Action action) {
    int rows = inference.results().size();
    return switch (concern()) {
      case RUNNING -> String.format(Locale.ROOT, "%s stops the run (%,d rows have results so far)%s. Keep it "
          + "running, cancel it and stay (you can save what it has), or cancel it and go on.",
          action.doing(), rows, action.dropsResults() ? " and drops its results" : "");
      case UNSAVED -> String.format(Locale.ROOT, "The %,d result rows on screen have not been saved. %s.", rows,
          action.dropsResults() ? action.doing() + " drops them"
              : action.doing() + " leaves them on screen, but Retry and Run remaining rows would go to the new "
                  + "connection");
      case NONE -> "";
    };
  }

  /** Cancels the run; {@code then} runs (on the UI thread) once the run has ended. */
  public void cancelThen(Runnable then) {
    if (!inference.runningProperty().get()) {
      then.run();
      return;
    }
    ChangeListener<Boolean> ended = new ChangeListener<>() {
      @Override
      public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean running) {
        if (!running) {
          o.removeListener(this);
          then.run();
        }
      }
    };
    inference.runningProperty().addListener(ended);
    inference.cancel();
  }

  /** Saves the results to {@code target}; {@code then} runs once they are written (not when the save failed). */
  public void saveThen(Path target, Runnable then) {
    inference.save(target, then);
  }

  /** Drops the results unasked from now on: the user chose to discard them. */
  public void discard() {
    inference.unsavedProperty().set(false);
  }
}
