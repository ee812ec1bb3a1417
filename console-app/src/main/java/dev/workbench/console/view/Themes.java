package dev.workbench.console.view;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;

/** The AtlantaFX theme of the whole application: Primer Light, or Primer Dark when the switch is on. */
public final class Themes {
  private Themes() {
  }

  /** Applies the theme now and on every change of the switch. */
  public static void follow(BooleanProperty dark) {
    apply(dark.get());
    dark.addListener((o, was, now) -> apply(now));
  }

  private static void apply(boolean dark) {
    Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
        : new PrimerLight().getUserAgentStylesheet());
  }
}
