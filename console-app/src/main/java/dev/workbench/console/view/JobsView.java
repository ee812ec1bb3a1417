package dev.workbench.console.view;

import dev.workbench.console.viewmodel.BatchItem;
import dev.workbench.console.viewmodel.JobsViewModel;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Every async batch of this console's runs: InferenceId, S3 input and output, phase, age. */
final class JobsView extends VBox {
  JobsView(JobsViewModel vm) {
    getStyleClass().add("screen");
    Label summary = new Label();
    summary.setId("jobs-summary");
    summary.textProperty().bind(vm.summaryProperty());
    CheckBox finished = new CheckBox("Show finished batches");
    finished.setId("jobs-show-finished");
    finished.selectedProperty().bindBidirectional(vm.showFinishedProperty());
    HBox top = new HBox(16, summary, finished);
    top.setAlignment(Pos.CENTER_LEFT);
    TableView<BatchItem> table = new TableView<>(vm.batches());
    table.setId("jobs");
    table.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
    table.setPlaceholder(new Label("No async batches in flight (tick Show finished batches for the last runs')."));
    // the Error column early, where a 1024-pixel window still shows it; long values whole on hover, copyable
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(col("Endpoint", BatchItem::endpoint, 110));
    table.getColumns().add(col("Rows", BatchItem::rows, 80));
    table.getColumns().add(col("Phase", BatchItem::phase, 95));
    table.getColumns().add(col("Age", BatchItem::age, 60));
    table.getColumns().add(col("Error", BatchItem::error, 170));
    table.getColumns().add(col("InferenceId", BatchItem::inferenceId, 170));
    table.getColumns().add(col("Input (S3)", BatchItem::input, 200));
    table.getColumns().add(col("Output (S3)", BatchItem::output, 200));
    VBox.setVgrow(table, Priority.ALWAYS);
    getChildren().addAll(top, table);
  }

  private static TableColumn<BatchItem, String> col(String title, Function<BatchItem, String> value, double width) {
    TableColumn<BatchItem, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    c.setPrefWidth(width);
    c.setId("jobs-" + title.replaceAll("[^A-Za-z]", "").toLowerCase(java.util.Locale.ROOT));
    c.setCellFactory(col -> new FullTextCell<>(BatchItem::values));
    return c;
  }
}
