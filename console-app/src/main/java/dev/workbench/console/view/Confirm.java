package dev.workbench.console.view;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** A question before something that cannot be undone: the action is named on its button, Cancel is the default. */
final class Confirm {
  private Confirm() {
  }

  /**
   * Shows the question and runs {@code yes} when the user presses the action's button (Enter, Esc and closing
   * the dialog all mean Cancel). It does not wait: it may be asked from a drop or an animation, where a nested
   * event loop is not allowed.
   */
  static void ask(Window owner, String header, String text, String action, Runnable yes, Runnable no) {
    ButtonType go = new ButtonType(action, ButtonBar.ButtonData.OTHER);
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, go, ButtonType.CANCEL);
    alert.initOwner(owner);
    alert.setTitle(header);
    alert.setHeaderText(header);
    alert.getDialogPane().setId("confirm");
    ((Button) alert.getDialogPane().lookupButton(go)).setDefaultButton(false);
    ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
    alert.setOnHidden(e -> (alert.getResult() == go ? yes : no).run());
    alert.show();
  }
}
