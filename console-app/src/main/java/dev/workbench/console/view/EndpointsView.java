package dev.workbench.console.view;

import atlantafx.base.theme.Styles;
import dev.workbench.console.viewmodel.EndpointDetailViewModel;
import dev.workbench.console.viewmodel.EndpointFilter;
import dev.workbench.console.viewmodel.EndpointItem;
import dev.workbench.console.viewmodel.EndpointsViewModel;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The endpoints list with its badges, filter and search, and the deploy / delete actions. */
final class EndpointsView extends VBox {
  EndpointsView(EndpointsViewModel vm, EndpointDetailViewModel detail, Runnable openDeploy, Runnable openLogs,
      Runnable openMetrics) {
    getStyleClass().add("screen");
    TextField search = new TextField();
    search.setId("endpoint-search");
    search.setPromptText("Search endpoints");
    search.setPrefWidth(240);
    search.textProperty().bindBidirectional(vm.searchProperty());
    ComboBox<EndpointFilter> filter = new ComboBox<>(FXCollections.observableArrayList(EndpointFilter.values()));
    filter.setId("endpoint-filter");
    filter.valueProperty().bindBidirectional(vm.filterProperty());
    Button deploy = new Button("Deploy...");
    deploy.setId("deploy");
    deploy.getStyleClass().add(Styles.ACCENT);
    deploy.setOnAction(e -> openDeploy.run());
    Button delete = new Button("Delete");
    delete.setId("delete-endpoint");
    delete.getStyleClass().add(Styles.DANGER);
    delete.disableProperty().bind(vm.selectedProperty().isNull());
    delete.setTooltip(new Tooltip("Delete the selected endpoint (Delete)"));
    Button refresh = new Button("Refresh");
    refresh.setId("refresh-endpoints");
    refresh.setTooltip(new Tooltip("Reload the list now (F5); it also refreshes itself every second"));
    refresh.setOnAction(e -> vm.refresh());
    Mnemonics.mark(deploy, 'D');
    Mnemonics.mark(delete, 'l');
    Mnemonics.mark(refresh, 'R');
    HBox tools = new HBox(8, search, filter, deploy, delete, refresh);
    tools.setAlignment(Pos.CENTER_LEFT);

    TableView<EndpointItem> table = new TableView<>(vm.shown());
    table.setId("endpoints");
    table.getStyleClass().add(Styles.DENSE);
    table.setPlaceholder(new Label("No endpoints yet: press Deploy..."));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TableColumn<EndpointItem, String> nameColumn = text("Name", EndpointItem::name, 160);
    // a long name is cut in the middle, whole on hover, copyable
    nameColumn.setCellFactory(c -> new FullTextCell<>(i -> java.util.List.of(i.name(), i.kindBadge(), i.statusText(),
        i.instanceType() == null ? "-" : i.instanceType(), i.instancesText())));
    table.getColumns().add(nameColumn);
    table.getColumns().add(badge("Type", i -> Badges.badge(i.kindBadge(), Badges.kindTone(i.kind())), 100));
    TableColumn<EndpointItem, EndpointItem> status = badge("Status",
        i -> {
          Label l = Badges.badge(i.status(), Badges.statusTone(i.status()));
          if (i.failureReason() != null) {
            l.setText(i.statusText());
            l.setTooltip(new Tooltip(i.statusText()));
          }
          return l;
        }, 150);
    table.getColumns().add(status);
    table.getColumns().add(text("Instance type", i -> i.instanceType() == null ? "-" : i.instanceType(), 120));
    // a short header that is never cut ("Instances (current / ..." at 1024 pixels); the hover says what it counts
    TableColumn<EndpointItem, String> instances = text("Instances", EndpointItem::instancesText, 110);
    Label instancesHeader = new Label("Instances");
    instancesHeader.setTooltip(new Tooltip("current / desired instance count"));
    instances.setText(null);
    instances.setGraphic(instancesHeader);
    table.getColumns().add(instances);
    table.getColumns().add(badge("Scale", i -> {
      String text = i.scaleBadge(vm.nowProperty().get(), vm.zone());
      if (text.isEmpty()) {
        return null;
      }
      Label l = Badges.badge(text, Badges.scaleTone(i.scaleState()));
      l.setTooltip(new Tooltip(i.scaleDetail(vm.nowProperty().get(), vm.zone())));
      return l;
    }, 210));
    table.getColumns().add(badge("Health", i -> {
      if (i.health() == null) {
        return null;
      }
      Label l = Badges.badge(i.health(), "healthy".equals(i.health()) ? "success" : "warning");
      l.setTooltip(new Tooltip("Workbench's health check, every " + EndpointsViewModel.HEALTH_EVERY.toSeconds()
          + " s: " + i.health()));
      return l;
    }, 110));
    vm.nowProperty().addListener((o, a, b) -> table.refresh());
    // the view-model's selection is the table's: what is selected is always a row the user can see
    table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
    vm.selectedProperty().addListener((o, a, b) -> {
      if (b == null) {
        table.getSelectionModel().clearSelection();
      } else if (table.getSelectionModel().getSelectedItem() != b) {
        table.getSelectionModel().select(b);
      }
    });
    delete.setOnAction(e -> confirmDelete(table.getSelectionModel().getSelectedItem(), vm));
    table.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.DELETE && table.getSelectionModel().getSelectedItem() != null) {
        e.consume();
        confirmDelete(table.getSelectionModel().getSelectedItem(), vm);
      }
    });
    EndpointDetailPane pane = new EndpointDetailPane(detail, openLogs, openMetrics,
        () -> confirmDelete(table.getSelectionModel().getSelectedItem(), vm));
    // master-detail: the list above (every column whole), the selected endpoint's settings below across the width
    SplitPane split = new SplitPane(table, pane);
    split.setId("endpoints-split");
    split.setOrientation(javafx.geometry.Orientation.VERTICAL);
    table.setMinHeight(90);
    pane.setMinHeight(150);
    split.setDividerPositions(0.28);
    VBox.setVgrow(split, Priority.ALWAYS);
    getChildren().addAll(tools, split);
  }

  /** Asks, naming the endpoint, with Cancel the default: Enter must not delete an endpoint. */
  private void confirmDelete(@org.jspecify.annotations.Nullable EndpointItem item, EndpointsViewModel vm) {
    if (item == null) {
      return;
    }
    String model = item.modelName() == null ? "its model" : "its model " + item.modelName();
    Confirm.askWithOption(getScene().getWindow(), "Delete endpoint " + item.name() + "?",
        "Deletes " + item.name() + " (" + item.kindBadge() + ", " + item.status() + ") with its configuration, "
            + "scaling policies and alarms. This cannot be undone. Unless ticked below, " + model
            + " stays registered for another deploy.", "Delete endpoint", "Also delete " + model,
        withModel -> vm.delete(item.name(), withModel));
  }

  private static TableColumn<EndpointItem, String> text(String title, Function<EndpointItem, String> value, double width) {
    TableColumn<EndpointItem, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
    c.setPrefWidth(width);
    return c;
  }

  private static TableColumn<EndpointItem, EndpointItem> badge(String title,
      Function<EndpointItem, @org.jspecify.annotations.Nullable Label> badge, double width) {
    TableColumn<EndpointItem, EndpointItem> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
    c.setPrefWidth(width);
    c.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(EndpointItem item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        setGraphic(empty || item == null ? null : badge.apply(item));
      }
    });
    return c;
  }

}
