package dev.workbench.console.view;

import dev.workbench.console.viewmodel.DetailSection;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import java.util.Map;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The detail pane's sections, each a titled grid of label / value lines, flowing in columns across the pane. A re-read replaces only the sections that
 * changed, so what the user is reading (or has selected to copy) does not flicker each few seconds.
 */
final class DetailSectionsBox extends FlowPane {
  /** The narrowest a block gets: two across at 1024 pixels, three at 1440; they share out the rest of the width. */
  private static final double BLOCK_WIDTH = 360;
  private double blockWidth = BLOCK_WIDTH;

  DetailSectionsBox(ObservableList<DetailSection> sections) {
    super(16, 12);
    setId("detail-sections");
    sections.addListener((ListChangeListener<DetailSection>) c -> sync(sections));
    widthProperty().addListener((o, a, w) -> {
      int columns = Math.max(1, (int) ((w.doubleValue() + getHgap()) / (BLOCK_WIDTH + getHgap())));
      blockWidth = Math.max(BLOCK_WIDTH, Math.floor((w.doubleValue() - getHgap() * (columns - 1)) / columns) - 1);
      getChildren().forEach(n -> ((VBox) n).setPrefWidth(blockWidth));
    });
    sync(sections);
  }

  private void sync(ObservableList<DetailSection> sections) {
    for (int i = 0; i < sections.size(); i++) {
      DetailSection s = sections.get(i);
      if (i < getChildren().size() && s.equals(getChildren().get(i).getUserData())) {
        continue;
      }
      Node block = block(s);
      if (i < getChildren().size()) {
        getChildren().set(i, block);
      } else {
        getChildren().add(block);
      }
    }
    if (getChildren().size() > sections.size()) {
      getChildren().remove(sections.size(), getChildren().size());
    }
  }

  private Node block(DetailSection s) {
    Label title = new Label(s.title());
    title.getStyleClass().add("detail-title");
    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(3);
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(100);
    labels.setPrefWidth(140);
    ColumnConstraints values = new ColumnConstraints();
    values.setHgrow(Priority.ALWAYS);
    values.setMinWidth(0);
    grid.getColumnConstraints().addAll(labels, values);
    int row = 0;
    for (DetailSection.Field f : s.fields()) {
      Label k = new Label(f.label());
      k.getStyleClass().add("detail-label");
      k.setMinWidth(0);
      // a value wraps rather than being cut (ARNs, S3 paths): all of it can be read, and copied from its menu
      Label v = new Label(f.value());
      v.setWrapText(true);
      v.setMinHeight(Region.USE_PREF_SIZE);
      v.getStyleClass().add("detail-value");
      v.setId("detail-" + slug(s.title()) + "-" + slug(f.label()));
      v.setMaxWidth(Double.MAX_VALUE);
      v.setMinWidth(0);
      MenuItem copy = new MenuItem("Copy " + f.label());
      copy.setOnAction(e -> Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, f.value())));
      v.setContextMenu(new ContextMenu(copy));
      GridPane.setHgrow(v, Priority.ALWAYS);
      grid.addRow(row++, k, v);
    }
    VBox box = new VBox(4, title, grid);
    box.setPrefWidth(blockWidth);
    box.setUserData(s);
    return box;
  }

  /** "Async inference" / "Max concurrent per instance" as parts of a node id. */
  static String slug(String text) {
    return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
