/**
 * Captures of an endpoint: its SageMaker data-capture records read back as a Frame, and Workbench's inference
 * captures (an evaluated inference stored under {@code endpoints/<endpoint>/inference/<capture>/}: meta, metrics,
 * predictions and a classifier's confusion matrix), written and listed.
 */
@NullMarked
package dev.workbench.core.capture;

import org.jspecify.annotations.NullMarked;
