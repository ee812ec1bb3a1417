package dev.workbench.console.service;

import dev.workbench.api.Frame;
import java.nio.file.Path;

/** The first rows of a CSV file, read without reading the rest. */
public record CsvPreview(Path file, Frame head) {}
