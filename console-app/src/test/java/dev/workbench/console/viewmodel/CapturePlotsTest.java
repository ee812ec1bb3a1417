package dev.workbench.console.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Frame;
import dev.workbench.console.viewmodel.CapturePlots.Bin;
import dev.workbench.console.viewmodel.CapturePlots.Cell;
import dev.workbench.console.viewmodel.CapturePlots.Point;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plots' numbers against values worked out by hand. */
class CapturePlotsTest {
  @Test
  void rocStepsThroughEachDistinctScoreAndTiesMoveBothRates() {
    // positives score 0.9, 0.8, 0.2; negatives 0.8, 0.3 (one tie across the classes)
    List<Point> roc = CapturePlots.roc(List.of(true, false, true, false, true), List.of(0.9, 0.8, 0.8, 0.3, 0.2));
    assertEquals(List.of(new Point(0, 0), new Point(0, 1 / 3.0), new Point(0.5, 2 / 3.0), new Point(1, 2 / 3.0),
        new Point(1, 1)), roc);
    // of the 6 positive-negative pairs 3 are ordered right and 1 tied: 3.5 / 6
    assertEquals(7 / 12.0, CapturePlots.area(roc), 1e-12);
  }

  @Test
  void rocOfAPerfectRankingHasAreaOneAndNoneWithoutBothClasses() {
    List<Point> perfect = CapturePlots.roc(List.of(false, true, true), List.of(0.1, 0.7, 0.9));
    assertEquals(List.of(new Point(0, 0), new Point(0, 0.5), new Point(0, 1), new Point(1, 1)), perfect);
    assertEquals(1.0, CapturePlots.area(perfect), 1e-12);
    assertEquals(List.of(), CapturePlots.roc(List.of(true, true), List.of(0.2, 0.4)));
    assertThrows(IllegalArgumentException.class, () -> CapturePlots.roc(List.of(true), List.of(0.1, 0.2)));
  }

  @Test
  void histogramBinsHaveEqualWidthAndHoldEveryValueOnce() {
    List<Bin> bins = CapturePlots.histogram(List.of(-1.0, -0.5, 0.0, 0.2, 1.0), 4);
    assertEquals(List.of(new Bin(-1, -0.5, 1), new Bin(-0.5, 0, 1), new Bin(0, 0.5, 2), new Bin(0.5, 1, 1)), bins);
    assertEquals(List.of(new Bin(3, 3, 2)), CapturePlots.histogram(List.of(3.0, 3.0), 5), "all equal: one bin");
    assertEquals(List.of(), CapturePlots.histogram(List.of(), 4));
  }

  @Test
  void sturgesBinCount() {
    assertEquals(1, CapturePlots.binCount(1));
    assertEquals(4, CapturePlots.binCount(8)); // log2 8 = 3, + 1
    assertEquals(9, CapturePlots.binCount(226)); // log2 226 = 7.8, rounded up, + 1
  }

  @Test
  void scatterTakesTheScoredRowsOnlyAndTheIdentitySpansBothAxes() {
    Frame p = Frame.of(List.of("id", "y", "prediction", "smiles"), List.of(
        List.of("a", "-2.0", "-1.5", "CCO"),
        List.of("b", "1.0", "0.5", "CC"),
        Arrays.asList("failed", "0.3", "", "[Xx]"),
        Arrays.asList("unlabelled", "", "0.7", "C"),
        List.of("c", "0.0", "2.5", "CCC")));
    List<Point> points = CapturePlots.scatter(p, "y");
    assertEquals(List.of(new Point(-2, -1.5), new Point(1, 0.5), new Point(0, 2.5)), points);
    assertEquals(List.of(-0.5, 0.5, -2.5), CapturePlots.residuals(points));
    assertEquals(List.of(new Point(-2, -2), new Point(2.5, 2.5)), List.of(CapturePlots.identity(points)));
    assertEquals("y", CapturePlots.targetColumn(p, null), "the column before the prediction");
  }

  @Test
  void rocCurvesComeFromTheProbaColumnsOfRowsThatHaveThem() {
    Frame p = Frame.of(List.of("id", "species", "prediction", "cat_proba", "dog_proba"), List.of(
        List.of("1", "cat", "cat", "0.9", "0.1"),
        List.of("2", "dog", "cat", "0.6", "0.4"),
        List.of("3", "dog", "dog", "0.2", "0.8"),
        Arrays.asList("4", "cat", "", "", "")));
    assertEquals(List.of("cat", "dog"), CapturePlots.probaClasses(p));
    List<CapturePlots.Roc> curves = CapturePlots.rocCurves(p, "species");
    assertEquals(2, curves.size());
    assertEquals("cat", curves.get(0).label());
    assertEquals(List.of(new Point(0, 0), new Point(0, 1), new Point(0.5, 1), new Point(1, 1)),
        curves.get(0).points());
    assertEquals(1.0, curves.get(0).auc(), 1e-12);
    assertTrue(CapturePlots.rocCurves(p.drop("cat_proba", "dog_proba"), "species").isEmpty());
  }

  @Test
  void confusionCellsFollowWorkbenchsMatrixLayout() {
    Frame cm = Frame.of(List.of("labels", "low", "high"), List.of(List.of("low", "5", "1"), List.of("high", "2", "7")));
    assertEquals(List.of(new Cell("low", "low", 5), new Cell("low", "high", 1), new Cell("high", "low", 2),
        new Cell("high", "high", 7)), CapturePlots.confusion(cm));
    assertEquals(List.of(), CapturePlots.confusion(null));
  }
}
