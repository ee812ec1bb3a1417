package dev.workbench.console.view;

import dev.workbench.console.viewmodel.RunGuard;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * The question before an action that would drop the CSV run: with a run going, keep running (the default),
 * cancel it and stay, or cancel it and go on; with unsaved results, save them first (the default), discard
 * them, or keep them and stay. Esc and closing the dialog keep everything as it is.
 */
final class RunPrompt {
  private final Supplier<Window> owner;
  private final RunGuard guard;
  private final Supplier<@Nullable Path> saveTarget;

  RunPrompt(Supplier<Window> owner, RunGuard guard, Supplier<@Nullable Path> saveTarget) {
    this.owner = owner;
    this.guard = guard;
    this.saveTarget = saveTarget;
  }

  void ask(RunGuard.Action action, Runnable go) {
    ask(action, go, () -> { });
  }

  /**
   * Runs {@code go} at once when nothing stands in the way, else after the user's answer allows it (and what it
   * asked for, a cancel or a save, is done). Does not wait: it may be asked from a drop or a close request.
   */
  void ask(RunGuard.Action action, Runnable go, Runnable kept) {
    RunGuard.Concern concern = guard.concern();
    if (concern == RunGuard.Concern.NONE) {
      go.run();
      return;
    }
    boolean running = concern == RunGuard.Concern.RUNNING;
    ButtonType stay = new ButtonType(running ? "Keep running" : "Keep results", ButtonBar.ButtonData.CANCEL_CLOSE);
    ButtonType first = new ButtonType(running ? "Cancel run" : "Save results...", ButtonBar.ButtonData.OTHER);
    ButtonType proceed = new ButtonType((running ? "Cancel run and " : "Discard and ") + action.verb(),
        ButtonBar.ButtonData.OTHER);
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, guard.text(action), first, proceed, stay);
    alert.initOwner(owner.get());
    alert.setTitle(guard.header());
    alert.setHeaderText(guard.header());
    alert.getDialogPane().setId("run-prompt");
    alert.getDialogPane().setMinWidth(560);
    ((Button) alert.getDialogPane().lookupButton(proceed)).setDefaultButton(false);
    ((Button) alert.getDialogPane().lookupButton(stay)).setDefaultButton(running);
    ((Button) alert.getDialogPane().lookupButton(first)).setDefaultButton(!running);
    alert.setOnHidden(e -> {
      ButtonType answer = alert.getResult();
      if (answer == proceed) {
        if (running) {
          guard.cancelThen(go);
        } else {
          guard.discard();
          go.run();
        }
      } else if (answer == first && running) {
        guard.cancelThen(() -> { });
        kept.run();
      } else if (answer == first) {
        Path target = saveTarget.get();
        if (target == null) {
          kept.run();
        } else {
          guard.saveThen(target, go);
        }
      } else {
        kept.run();
      }
    });
    alert.show();
  }
}
