package dev.workbench.console.view;

import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
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
    Alert alert = alert(owner, header, text, action);
    alert.setOnHidden(e -> (alert.getResult() == alert.getButtonTypes().get(0) ? yes : no).run());
    alert.show();
  }

  /**
   * As {@link #ask} with one unticked option below the text (e.g. "also delete its model"); {@code yes} receives
   * whether it was ticked.
   */
  static void askWithOption(Window owner, String header, String text, String action, String option,
      Consumer<Boolean> yes) {
    Alert alert = alert(owner, header, text, action);
    CheckBox box = new CheckBox(option);
    box.setId("confirm-option");
    box.setSelected(false);
    Label body = new Label(text);
    body.setWrapText(true);
    VBox content = new VBox(10, body, box);
    alert.getDialogPane().setContent(content);
    alert.setOnHidden(e -> {
      if (alert.getResult() == alert.getButtonTypes().get(0)) {
        yes.accept(box.isSelected());
      }
    });
    alert.show();
  }

  private static Alert alert(Window owner, String header, String text, String action) {
    ButtonType go = new ButtonType(action, ButtonBar.ButtonData.OTHER);
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, go, ButtonType.CANCEL);
    alert.initOwner(owner);
    alert.setTitle(header);
    alert.setHeaderText(header);
    alert.getDialogPane().setId("confirm");
    ((Button) alert.getDialogPane().lookupButton(go)).setDefaultButton(false);
    ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
    return alert;
  }
}
