package dev.workbench.console.viewmodel;

import java.util.List;

/** One titled block of the endpoint detail pane: label / value lines in reading order. */
public record DetailSection(String title, List<Field> fields) {
  public DetailSection {
    fields = List.copyOf(fields);
  }

  /** One line: what it is, what it says. */
  public record Field(String label, String value) {}

  /** The value of the first line with this label, or null (for tests and the screenshot tour). */
  public @org.jspecify.annotations.Nullable String value(String label) {
    return fields.stream().filter(f -> f.label().equals(label)).map(Field::value).findFirst().orElse(null);
  }
}
