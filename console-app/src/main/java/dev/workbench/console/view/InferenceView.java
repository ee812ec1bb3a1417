package dev.workbench.console.view;

import atlantafx.base.theme.Styles;
import dev.workbench.console.viewmodel.InferenceViewModel;
import dev.workbench.console.viewmodel.ResultRow;
import java.nio.file.Path;
import dev.workbench.api.Frame;
import dev.workbench.console.viewmodel.ConsoleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableCell;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** CSV inference: file preview, endpoint, run / cancel / retry / save, progress and the results table. */
final class InferenceView extends VBox {
  static final dev.workbench.console.viewmodel.RunGuard.Action RUN_AGAIN =
      new dev.workbench.console.viewmodel.RunGuard.Action("run again", "Running the file again");

  InferenceView(InferenceViewModel vm, ObservableList<String> endpoints, ConsoleSettings settings,
      Consumer<Path> open, FileDialogs dialogs, RunPrompt prompt) {
    getStyleClass().add("screen");
    Button openButton = new Button("Open CSV...");
    openButton.setId("open-csv");
    openButton.setTooltip(new Tooltip("Open a CSV file (Ctrl+O), or drop one onto the window"));
    openButton.setOnAction(e -> {
      Path f = dialogs.openCsv(getScene().getWindow(), settings.lastFolder());
      if (f != null) {
        open.accept(f);
      }
    });
    Label file = new Label();
    file.setId("file-status");
    file.textProperty().bind(vm.fileStatusProperty());
    ComboBox<String> endpoint = EndpointPicker.of("run-endpoint", endpoints, vm.endpointProperty(), 200);
    Button run = new Button("Run");
    run.setId("run");
    run.getStyleClass().add(Styles.ACCENT);
    run.disableProperty().bind(vm.canRunProperty().not());
    run.setOnAction(e -> prompt.ask(RUN_AGAIN, vm::run));
    run.setTooltip(new Tooltip("Run the file on the endpoint (Ctrl+R)"));
    Button cancel = new Button("Cancel");
    cancel.setId("cancel-run");
    cancel.getStyleClass().add(Styles.DANGER);
    cancel.disableProperty().bind(vm.runningProperty().not());
    cancel.setOnAction(e -> vm.cancel());
    Button retry = new Button("Retry failed rows");
    retry.setId("retry-failed");
    retry.disableProperty().bind(vm.runningProperty().or(vm.failedResultsProperty().isEqualTo(0)));
    retry.setOnAction(e -> RetryPrompt.ask(getScene().getWindow(), vm));
    retry.setTooltip(new Tooltip("Send the failed rows again; says first which failures were transient"));
    Button remaining = new Button("Run remaining rows");
    remaining.setId("run-remaining");
    remaining.disableProperty().bind(vm.canRunRemainingProperty().not());
    remaining.setOnAction(e -> vm.runRemaining());
    remaining.setTooltip(new Tooltip("Send the rows a cancelled or stopped run left without a result"));
    Button save = new Button("Save results...");
    save.setId("save-results");
    save.disableProperty().bind(vm.runningProperty().or(javafx.beans.binding.Bindings.isEmpty(vm.results())));
    save.setOnAction(e -> {
      Path f = SaveTarget.choose(getScene().getWindow(), vm, settings, dialogs);
      if (f != null) {
        vm.save(f);
      }
    });
    // Wraps to a second line in a narrow window instead of cutting every label (seen at 1024x700 with a long
    // endpoint name in the picker).
    FlowPane tools = new FlowPane(8, 6, openButton, new Label("on"), endpoint, run, cancel, remaining, retry, save);
    tools.setAlignment(Pos.CENTER_LEFT);

    ProgressBar bar = new ProgressBar();
    bar.setId("run-progress");
    bar.setPrefWidth(260);
    bar.progressProperty().bind(vm.progressProperty());
    Label status = new Label();
    status.setId("run-status");
    status.textProperty().bind(vm.runStatusProperty());
    Label rate = new Label();
    rate.setId("run-rate");
    rate.textProperty().bind(vm.rateProperty().concat("   ").concat(vm.etaProperty()));
    rate.getStyleClass().add("hint");
    HBox progress = new HBox(10, bar, status, rate);
    progress.setAlignment(Pos.CENTER_LEFT);

    TableView<List<@org.jspecify.annotations.Nullable String>> preview = new TableView<>(vm.previewRows());
    preview.setId("preview");
    preview.getStyleClass().add(Styles.DENSE);
    preview.setPlaceholder(new Label("Drop a CSV file onto the window, or open one."));
    vm.previewColumns().addListener((ListChangeListener<String>) c -> Tables.columns(preview, vm.previewColumns()));
    TitledPane previewPane = new TitledPane("Input preview (first rows)", preview);
    previewPane.setCollapsible(false);
    previewPane.setMaxHeight(Double.MAX_VALUE);

    TableView<ResultRow> results = new TableView<>(vm.shownResults());
    results.setId("results");
    results.getStyleClass().add(Styles.DENSE);
    results.setPlaceholder(new Label("Results appear here as batches finish."));
    vm.resultColumns().addListener((ListChangeListener<String>) c -> {
      resultColumns(results, vm.resultColumns());
      ColumnFit.fit(results);
    });
    // sized once the first rows are in (the columns come with the first batch, just before its rows)
    vm.results().addListener((ListChangeListener<ResultRow>) c -> {
      while (c.next()) {
        if (c.wasAdded() && c.getList().size() == c.getAddedSize()) {
          ColumnFit.fit(results);
        }
      }
    });
    ResultsTableCopy.install(results);
    results.setRowFactory(t -> new TableRow<>() {
      @Override
      protected void updateItem(ResultRow item, boolean empty) {
        super.updateItem(item, empty);
        boolean failed = !empty && item != null && item.failed();
        getStyleClass().remove("failed-row");
        if (failed) {
          getStyleClass().add("failed-row");
        }
        setTooltip(failed ? new Tooltip("Row " + (item.row() + 1) + " failed: " + item.error()) : null);
      }
    });
    Label resultsTitle = new Label();
    resultsTitle.textProperty().bind(javafx.beans.binding.Bindings.format("Results: %,d rows, %,d failed",
        javafx.beans.binding.Bindings.size(vm.results()), vm.failedResultsProperty()));
    CheckBox failedOnly = new CheckBox("Failed rows only");
    failedOnly.setId("failed-only");
    failedOnly.selectedProperty().bindBidirectional(vm.failedOnlyProperty());
    HBox resultsHeader = new HBox(16, resultsTitle, failedOnly);
    resultsHeader.setAlignment(Pos.CENTER_LEFT);
    TitledPane resultsPane = new TitledPane(null, results);
    resultsPane.setGraphic(resultsHeader);
    resultsPane.setCollapsible(false);
    resultsPane.setMaxHeight(Double.MAX_VALUE);

    SplitPane split = new SplitPane(previewPane, resultsPane);
    split.setOrientation(Orientation.VERTICAL);
    Splits.remember(split, "inference", 0.42, settings);
    VBox.setVgrow(split, Priority.ALWAYS);
    getChildren().addAll(tools, file, progress, split);
  }

  /**
   * The row number, then the error (where a failed row is read first, without scrolling right), then the output
   * in the file's order; numbers right-aligned.
   */
  private static void resultColumns(TableView<ResultRow> table, List<String> headers) {
    table.getColumns().clear();
    TableColumn<ResultRow, String> row = new TableColumn<>("#");
    row.setCellValueFactory(d -> new ReadOnlyStringWrapper(Integer.toString(d.getValue().row() + 1)));
    row.setCellFactory(c -> new ResultCell(false));
    table.getColumns().add(row);
    List<String> order = new ArrayList<>(headers);
    if (order.remove(Frame.ERROR_COLUMN)) {
      order.add(0, Frame.ERROR_COLUMN);
    }
    for (String name : order) {
      TableColumn<ResultRow, String> c = new TableColumn<>(name);
      c.setId("column-" + name);
      c.setCellValueFactory(d -> {
        String v = d.getValue().value(name);
        return new ReadOnlyStringWrapper(v == null ? "" : v);
      });
      boolean error = name.equals(Frame.ERROR_COLUMN);
      c.setCellFactory(col -> new ResultCell(error));
      table.getColumns().add(c);
    }
  }

  /** A results cell: numbers right-aligned, errors in the danger colour, the full text on hover. */
  private static final class ResultCell extends TableCell<ResultRow, String> {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private final boolean error;

    ResultCell(boolean error) {
      this.error = error;
      widthProperty().addListener((o, was, now) -> tooltipWhenCut());
    }

    /** The full value on hover, for a cell too narrow to show it (and only then: no tooltips over every number). */
    private void tooltipWhenCut() {
      String text = getText();
      boolean cut = text != null && !text.isEmpty() && (text.contains("\n")
          || ColumnFit.width(measure(), text) > getWidth() - snappedLeftInset() - snappedRightInset());
      if (!cut) {
        setTooltip(null);
      } else if (getTooltip() == null || !text.equals(getTooltip().getText())) {
        setTooltip(new Tooltip(text));
      }
    }

    private javafx.scene.text.Text measure() {
      javafx.scene.text.Text t = new javafx.scene.text.Text();
      t.setFont(getFont());
      return t;
    }

    @Override
    protected void updateItem(String item, boolean empty) {
      super.updateItem(item, empty);
      getStyleClass().removeAll("numeric", "error-cell");
      String text = empty || item == null ? null : item;
      setText(text);
      tooltipWhenCut();
      if (text != null && error && !text.isEmpty()) {
        getStyleClass().add("error-cell");
      } else if (text != null && NUMBER.matcher(text).matches()) {
        getStyleClass().add("numeric");
      }
    }
  }
}
