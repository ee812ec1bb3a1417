package dev.workbench.console.view;

import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Tables whose rows are lists of strings (CSV previews, capture records): one column per header. */
final class Tables {
  private Tables() {
  }

  static void columns(TableView<List<@org.jspecify.annotations.Nullable String>> table, List<String> headers) {
    table.getColumns().clear();
    for (int i = 0; i < headers.size(); i++) {
      int index = i;
      TableColumn<List<@org.jspecify.annotations.Nullable String>, String> c = new TableColumn<>(headers.get(i));
      c.setCellValueFactory(d -> new ReadOnlyStringWrapper(
          index < d.getValue().size() && d.getValue().get(index) != null ? d.getValue().get(index).replace("\n", " | ") : ""));
      c.setPrefWidth(Math.max(90, Math.min(260, headers.get(i).length() * 9 + 30)));
      table.getColumns().add(c);
    }
  }
}
