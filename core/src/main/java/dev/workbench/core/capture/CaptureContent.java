package dev.workbench.core.capture;

import dev.workbench.api.Frame;
import dev.workbench.api.ModelType;
import org.jspecify.annotations.Nullable;

/** What one inference capture stores: its meta values and the three (or four) tables. */
public record CaptureContent(String name, String description, String target, ModelType type, int numRows,
    int failedRows, String dataHash, Frame metrics, Frame predictions, @Nullable Frame confusionMatrix) {}
