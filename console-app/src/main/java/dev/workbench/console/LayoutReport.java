package dev.workbench.console;

import dev.workbench.console.ConsoleFxApp.ConsoleWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Screen;
import javafx.util.Duration;

/**
 * For a check under a real window manager: once the window is up (connected, endpoints listed, or after 30 s), shows each
 * screen in turn and writes what a user would see cut: every button, label, tab and column header whose skin
 * draws less than its text (the ellipsis), or that lies outside the window. Started by the system property
 * {@code workbench.console.layoutReport=<file>}; the console exits after writing it.
 *
 * <p>Lines: {@code screen W H}, {@code window W H}, then {@code cut <screen> <kind> <id> | <text> | <shown>}
 * and {@code off <screen> <kind> <id> | <text>}, {@code scanned <screen>} after each screen; {@code done} last.
 */
final class LayoutReport {
  static final String PROPERTY = "workbench.console.layoutReport";
  private static final Duration SETTLE = Duration.seconds(1.5);

  private final ConsoleWindow window;
  private final Path file;
  private final List<String> lines = new ArrayList<>();
  private int waited;

  LayoutReport(ConsoleWindow window, Path file) {
    this.window = window;
    this.file = file;
  }

  void start() {
    after(Duration.seconds(1), this::waitForConnection);
  }

  private void waitForConnection() {
    // the endpoints list filled: the screens as a user meets them (30 s at most)
    boolean listed = window.viewModel().connection().connectedProperty().get()
        && !window.viewModel().endpoints().names().isEmpty();
    if (!listed && waited++ < 30) {
      after(Duration.seconds(1), this::waitForConnection);
      return;
    }
    // the pickers hold a choice, as they do once the user has picked: the chosen value must show whole too
    for (String id : List.of("#run-endpoint", "#metrics-endpoint", "#captures-endpoint")) {
      if (window.view().lookup(id) instanceof javafx.scene.control.ComboBox<?> box && !box.getItems().isEmpty()) {
        pick(box);
      }
    }
    var screen = Screen.getPrimary().getBounds();
    lines.add(String.format(Locale.ROOT, "screen %.0f %.0f", screen.getWidth(), screen.getHeight()));
    lines.add(String.format(Locale.ROOT, "window %.0f %.0f", window.stage().getWidth(), window.stage().getHeight()));
    TabPane tabs = (TabPane) window.view().lookup("#screens");
    after(SETTLE, () -> tab(tabs, 0));
  }

  private void tab(TabPane tabs, int index) {
    if (index >= tabs.getTabs().size()) {
      tabs.getSelectionModel().select(0);
      lines.add("done");
      write();
      window.stage().close();
      javafx.application.Platform.exit();
      return;
    }
    tabs.getSelectionModel().select(index);
    after(SETTLE, () -> {
      String name = tabs.getTabs().get(index).getText().replace(' ', '_');
      scan(window.stage().getScene().getRoot(), name, false);
      // written as it goes and held a moment: a check may take a screenshot of each screen
      lines.add("scanned " + name);
      write();
      after(SETTLE, () -> tab(tabs, index + 1));
    });
  }

  private static <T> void pick(javafx.scene.control.ComboBox<T> box) {
    box.setValue(box.getItems().get(0));
  }

  private void scan(Node node, String screen, boolean scrolls) {
    if (!node.isVisible() || node instanceof Cell<?> && scrolls) {
      return; // table and list cells are cut by design, their whole value on hover (a picker's chosen value is not)
    }
    if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
      check(l, screen, scrolls);
    }
    if (node instanceof Parent p) {
      boolean inside = scrolls || node instanceof ScrollPane || node instanceof TableView<?> || node instanceof ListView<?>;
      p.getChildrenUnmodifiable().forEach(c -> scan(c, screen, inside));
    }
  }

  private void check(Labeled l, String screen, boolean scrolls) {
    String text = l.isMnemonicParsing() ? l.getText().replaceFirst("_(?=.)", "") : l.getText();
    String kind = l.getClass().getSimpleName();
    String id = l.getId() == null ? "-" : l.getId();
    Text shown = l.getChildrenUnmodifiable().stream().filter(n -> n instanceof Text).map(n -> (Text) n)
        .findFirst().orElse(null);
    if (shown != null && !sameWords(text, shown.getText())) {
      lines.add("cut " + screen + " " + kind + " " + id + " | " + text + " | " + shown.getText());
      return;
    }
    Bounds b = l.localToScene(l.getBoundsInLocal());
    var scene = l.getScene();
    if (!scrolls && scene != null && b.getWidth() > 0 && (b.getMaxX() > scene.getWidth() + 1
        || b.getMaxY() > scene.getHeight() + 1)) {
      lines.add("off " + screen + " " + kind + " " + id + " | " + text);
    }
  }

  /** Wrapped text keeps its words: only an ellipsis or a lost word is a cut. */
  private static boolean sameWords(String text, String shown) {
    return text.replaceAll("\\s+", " ").strip().equals(shown.replaceAll("\\s+", " ").strip());
  }

  private void write() {
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void after(Duration d, Runnable r) {
    PauseTransition p = new PauseTransition(d);
    p.setOnFinished(e -> r.run());
    p.play();
  }
}
