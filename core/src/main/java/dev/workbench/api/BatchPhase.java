package dev.workbench.api;

/** Where one batch of rows is in its round trip. */
public enum BatchPhase { UPLOADING, SUBMITTED, DONE, FAILED, SPLIT, CANCELLED }
