package dev.workbench.api;

import java.util.function.Consumer;

/**
 * What {@link Endpoint#purge} deletes. By default the async inputs of abandoned batches: those the journal of this
 * connection's data directory holds as open whose owner process (and any process that took them over) is gone.
 * {@code all}: every object under the endpoint's {@code endpoints/<name>/async-input/} prefix, whoever waits for it
 * (running jobs on the endpoint then fail those batches). {@code dryRun}: count what would go, delete nothing.
 */
public record PurgeOptions(boolean all, boolean dryRun) {

  public static PurgeOptions abandoned() {
    return new PurgeOptions(false, false);
  }

  public static PurgeOptions of(Consumer<Builder> options) {
    Builder b = new Builder();
    options.accept(b);
    return b.build();
  }

  public static final class Builder {
    private boolean all;
    private boolean dryRun;

    private Builder() {}

    /** Everything under the endpoint's async-input prefix, not only abandoned batches. */
    public Builder all(boolean all) { this.all = all; return this; }
    /** Count, do not delete. */
    public Builder dryRun(boolean dryRun) { this.dryRun = dryRun; return this; }

    public PurgeOptions build() {
      return new PurgeOptions(all, dryRun);
    }
  }
}
