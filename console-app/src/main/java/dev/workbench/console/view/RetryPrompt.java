package dev.workbench.console.view;

import dev.workbench.console.viewmodel.InferenceViewModel;
import dev.workbench.console.viewmodel.RetryPlan;
import java.util.Locale;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Before a retry, says which failed rows it can help (transient failures) and which the model will refuse again;
 * with both kinds, the transient rows alone are the default.
 */
final class RetryPrompt {
  private RetryPrompt() {
  }

  static void ask(Window owner, InferenceViewModel vm) {
    RetryPlan plan = vm.retryPlan();
    if (plan.total() == 0) {
      vm.retryFailed();
      return;
    }
    ButtonType all = new ButtonType(String.format(Locale.ROOT, "Retry all %,d", plan.total()),
        ButtonBar.ButtonData.OTHER);
    ButtonType transientOnly = new ButtonType(String.format(Locale.ROOT, "Retry the %,d transient", plan.transientRows()),
        ButtonBar.ButtonData.OTHER);
    boolean both = plan.transientRows() > 0 && plan.deterministicRows() > 0;
    Alert alert = both ? new Alert(Alert.AlertType.CONFIRMATION, plan.describe(), transientOnly, all, ButtonType.CANCEL)
        : new Alert(Alert.AlertType.CONFIRMATION, plan.describe(), all, ButtonType.CANCEL);
    String header = String.format(Locale.ROOT, "Retry %,d failed %s on %s?", plan.total(),
        plan.total() == 1 ? "row" : "rows", vm.jobEndpoint());
    alert.initOwner(owner);
    alert.setTitle(header);
    alert.setHeaderText(header);
    alert.getDialogPane().setId("retry-prompt");
    alert.getDialogPane().setMinWidth(520);
    ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(false);
    ((Button) alert.getDialogPane().lookupButton(both ? transientOnly : all)).setDefaultButton(true);
    if (both) {
      ((Button) alert.getDialogPane().lookupButton(all)).setDefaultButton(false);
    }
    alert.setOnHidden(e -> {
      if (alert.getResult() == all) {
        vm.retryFailed(false);
      } else if (both && alert.getResult() == transientOnly) {
        vm.retryFailed(true);
      }
    });
    alert.show();
  }
}
