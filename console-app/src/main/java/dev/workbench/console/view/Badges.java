package dev.workbench.console.view;

import dev.workbench.api.EndpointKind;
import dev.workbench.console.viewmodel.EndpointItem;
import javafx.scene.control.Label;

/** Small rounded labels coloured with the theme's looked-up colours (see console.css). */
final class Badges {
  private Badges() {
  }

  static Label badge(String text, String tone) {
    Label l = new Label(text);
    l.getStyleClass().addAll("badge", "badge-" + tone);
    return l;
  }

  static String kindTone(EndpointKind kind) {
    return switch (kind) {
      case ASYNC -> "accent";
      case SERVERLESS -> "serverless";
      case SYNC -> "neutral";
    };
  }

  static String scaleTone(EndpointItem.ScaleState state) {
    return switch (state) {
      case RUNNING -> "success";
      case SCALED_TO_ZERO -> "neutral";
      case WARMING -> "warning";
      case NOT_RUNNING -> "neutral";
    };
  }

  static String statusTone(String status) {
    return switch (status) {
      case "InService" -> "success";
      case "Failed" -> "danger";
      default -> "warning";
    };
  }
}
