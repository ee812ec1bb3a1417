package dev.workbench.console.viewmodel;

import dev.workbench.api.ModelType;
import java.util.List;

/**
 * The plots of one capture, ready to draw: for a regressor the predicted-vs-actual points with the identity line
 * and the residual bins; for a classifier the confusion-matrix cells in label order and the ROC curves.
 *
 * @param note what cannot be shown and why (no predictions stored, no probabilities for a ROC curve); "" otherwise
 */
public record CaptureShown(String capture, ModelType type, List<CapturePlots.Point> scatter,
    List<CapturePlots.Point> identity, List<CapturePlots.Bin> residualBins, List<String> labels,
    List<CapturePlots.Cell> cells, List<CapturePlots.Roc> rocCurves, String note) {

  public CaptureShown {
    scatter = List.copyOf(scatter);
    identity = List.copyOf(identity);
    residualBins = List.copyOf(residualBins);
    labels = List.copyOf(labels);
    cells = List.copyOf(cells);
    rocCurves = List.copyOf(rocCurves);
  }

  public static CaptureShown none() {
    return new CaptureShown("", ModelType.UNKNOWN, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        "");
  }

  /** Rows counted in the confusion matrix. */
  public long confusionTotal() {
    return cells.stream().mapToLong(CapturePlots.Cell::count).sum();
  }

  /** The largest cell, for the heatmap's colour scale. */
  public long confusionMax() {
    return cells.stream().mapToLong(CapturePlots.Cell::count).max().orElse(0);
  }
}
