package dev.workbench.console.viewmodel;

import java.time.Instant;

/** A scale-out or scale-in marked on every chart's time axis: when it was asked for and what it set. */
public record ScaleMark(Instant at, int desired, boolean out, String text) {}
