package dev.workbench.console.view;

import dev.workbench.console.viewmodel.EndpointItem;
import dev.workbench.console.viewmodel.EndpointsViewModel;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;

/**
 * An endpoint picker that shows each endpoint's type and scale state beside its name, kept current by the
 * endpoints list's refresh. The value is the name, so a refresh that reorders or grows the list keeps the choice.
 */
final class EndpointPicker {
  private EndpointPicker() {
  }

  /** A picker of the endpoint names whose value is the screen's endpoint, both ways. */
  static ComboBox<String> of(String id, javafx.collections.ObservableList<String> names,
      javafx.beans.property.StringProperty endpoint, double width) {
    ComboBox<String> box = new ComboBox<>(names);
    box.setId(id);
    box.setPromptText("Endpoint");
    box.setPrefWidth(width);
    box.valueProperty().bindBidirectional(endpoint);
    return box;
  }

  static void decorate(ComboBox<String> box, EndpointsViewModel endpoints) {
    box.setCellFactory(l -> new Cell(box, endpoints, false));
    Cell button = new Cell(box, endpoints, true);
    box.setButtonCell(button);
    // room for the chosen name and its type badge (the scale state is in the list and on hover), within what a
    // 1024-pixel tool bar can give
    double base = Math.max(box.getPrefWidth(), 240);
    Runnable fit = () -> {
      String v = box.getValue();
      javafx.scene.text.Text t = new javafx.scene.text.Text(v == null ? "" : v);
      t.setFont(button.getFont());
      box.setPrefWidth(Math.min(MAX_WIDTH, Math.max(base, Math.ceil(t.getLayoutBounds().getWidth()) + 120)));
    };
    box.valueProperty().addListener((o, a, b) -> fit.run());
    button.fontProperty().addListener((o, a, b) -> fit.run());
    fit.run();
  }

  private static final double MAX_WIDTH = 400;

  private static final class Cell extends ListCell<String> {
    private final ComboBox<String> box;
    private final EndpointsViewModel endpoints;
    private final boolean button;
    private final InvalidationListener refresh = o -> render();

    Cell(ComboBox<String> box, EndpointsViewModel endpoints, boolean button) {
      this.box = box;
      this.endpoints = endpoints;
      this.button = button;
      getStyleClass().add("endpoint-picker-cell");
      setContentDisplay(ContentDisplay.RIGHT);
      setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
      setGraphicTextGap(8);
      endpoints.nowProperty().addListener(new WeakInvalidationListener(refresh));
    }

    @Override
    protected void updateItem(String name, boolean empty) {
      super.updateItem(name, empty);
      render();
    }

    private void render() {
      String name = getItem();
      if (isEmpty() || name == null) {
        // a custom button cell must show the prompt itself
        setText(button ? box.getPromptText() : null);
        setGraphic(null);
        return;
      }
      setText(name);
      EndpointItem item = endpoints.all().stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
      if (item == null) {
        setGraphic(null);
        return;
      }
      HBox badges = new HBox(4, Badges.badge(item.kindBadge(), Badges.kindTone(item.kind())));
      String scale = item.scaleBadge(endpoints.nowProperty().get(), endpoints.zone());
      String state = scale.isEmpty() ? item.statusText() : scale;
      if (button) {
        // the chosen endpoint's name must not be cut for a badge: only the type goes beside it
        setTooltip(new javafx.scene.control.Tooltip(name + ": " + item.kindBadge() + ", " + state));
      } else {
        badges.getChildren().add(scale.isEmpty() ? Badges.badge(item.status(), Badges.statusTone(item.status()))
            : Badges.badge(scale, Badges.scaleTone(item.scaleState())));
      }
      badges.setAlignment(Pos.CENTER_LEFT);
      badges.getChildren().forEach(n -> ((Label) n).setMinWidth(Label.USE_PREF_SIZE));
      setGraphic(badges);
    }
  }
}
