package dev.workbench.console.viewmodel;

/** The endpoints list's filter choices. */
public enum EndpointFilter {
  ALL("All"), SYNC("Sync"), ASYNC("Async"), SCALED_TO_ZERO("Scaled to zero"), FAILED("Failed");

  private final String label;

  EndpointFilter(String label) {
    this.label = label;
  }

  boolean accepts(EndpointItem item) {
    return switch (this) {
      case ALL -> true;
      case SYNC -> !item.async();
      case ASYNC -> item.async();
      case SCALED_TO_ZERO -> item.scaleState() == EndpointItem.ScaleState.SCALED_TO_ZERO;
      case FAILED -> "Failed".equals(item.status());
    };
  }

  @Override
  public String toString() {
    return label;
  }
}
