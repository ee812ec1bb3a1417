package dev.workbench.console.view;

import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Labeled;

/**
 * Alt+letter on buttons: underlines the given letter of a button's label (the first one in it). Applied by id from
 * outside a screen, so a screen that renames its button keeps working (a letter not in the label is left alone).
 */
final class Mnemonics {
  private Mnemonics() {
  }

  static void mark(Node root, String id, char letter) {
    if (root.lookup(id) instanceof Labeled l) {
      mark(l, letter);
    }
  }

  static void mark(Labeled labeled, char letter) {
    String text = labeled.getText();
    if (text == null || text.contains("_") || labeled.textProperty().isBound()) {
      return;
    }
    int at = text.toLowerCase(Locale.ROOT).indexOf(Character.toLowerCase(letter));
    if (at < 0) {
      return;
    }
    labeled.setMnemonicParsing(true);
    labeled.setText(text.substring(0, at) + "_" + text.substring(at));
  }
}
