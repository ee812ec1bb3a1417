package dev.workbench.core.job;

import dev.workbench.api.Frame;

/** What a check made of a model's answer to one batch. */
public sealed interface Answer {
  /** The rows to believe: the batch's rows in order, with the model's columns and {@code inference_error}. */
  record Accepted(Frame rows) implements Answer {}

  /** Why the answer cannot be believed; the batch is split, or its single row carries this as its error. */
  record Refused(String reason) implements Answer {}
}
