package dev.workbench.console.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Frame;
import dev.workbench.api.InferenceCapture;
import dev.workbench.api.ModelType;
import dev.workbench.console.service.CaptureService;
import dev.workbench.console.service.ConnectionService;
import dev.workbench.console.task.ImmediateTaskExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the Evaluation screen shows of a capture, without a JavaFX thread. */
class CapturesViewModelTest {
  private static InferenceCapture regressor(String name, String rmse) {
    Frame metrics = Frame.of(List.of("rmse", "mae", "medae", "r2", "spearmanr", "support"),
        List.of(List.of(rmse, "0.5", "0.4", "0.83126", "0.9", "3")));
    return new InferenceCapture(name, "Holdout", "0a1b2c3d", 4, 1, "y", ModelType.REGRESSOR, metrics, null, null,
        "s3://bucket/endpoints/ep/inference/" + name + "/");
  }

  private static InferenceCapture classifier(Frame cm) {
    Frame metrics = Frame.of(List.of("species", "precision", "recall", "f1", "roc_auc", "support"), List.of(
        List.of("cat", "0.5", "1", "0.6667", "1", "1"), List.of("dog", "1", "0.5", "0.6667", "1", "2"),
        List.of("all", "0.8333", "0.6667", "0.6667", "1", "3")));
    return new InferenceCapture("test", "Test", "00000000", 3, 0, "species", ModelType.CLASSIFIER, metrics, cm, null,
        "s3://bucket/x/");
  }

  @Test
  void aRegressorsPlotsHoldItsScoredRows() {
    Frame p = Frame.of(List.of("id", "y", "prediction"), List.of(List.of("a", "1", "1.5"), List.of("b", "2", "1.5"),
        List.of("c", "3", "3.5"), Arrays.asList("d", "4", "")));
    CaptureShown s = CapturesViewModel.plots(regressor("holdout", "0.5"), p);
    assertEquals(3, s.scatter().size(), "the failed row has no point");
    assertEquals(List.of(new CapturePlots.Point(1, 1), new CapturePlots.Point(3.5, 3.5)), s.identity());
    assertEquals(3, s.residualBins().stream().mapToInt(CapturePlots.Bin::count).sum());
    assertEquals(CapturePlots.binCount(3), s.residualBins().size());
    assertEquals("", s.note());
  }

  @Test
  void aClassifierWithoutProbabilitiesShowsItsMatrixAndSaysWhyThereIsNoRocCurve() {
    Frame cm = Frame.of(List.of("labels", "cat", "dog"), List.of(List.of("cat", "1", "0"), List.of("dog", "1", "1")));
    Frame p = Frame.of(List.of("id", "species", "prediction"), List.of(List.of("1", "cat", "cat"),
        List.of("2", "dog", "cat"), List.of("3", "dog", "dog")));
    CaptureShown s = CapturesViewModel.plots(classifier(cm), p);
    assertEquals(List.of("cat", "dog"), s.labels());
    assertEquals(3, s.confusionTotal());
    assertEquals(1, s.confusionMax());
    assertTrue(s.rocCurves().isEmpty());
    assertTrue(s.note().contains("no <class>_proba columns"), s.note());
  }

  @Test
  void aClassifiersMetricsStayATableARowPerClass() {
    Frame cm = Frame.of(List.of("labels", "cat", "dog"), List.of(List.of("cat", "1", "0"), List.of("dog", "1", "1")));
    List<List<String>> rows = new ArrayList<>();
    CapturesViewModel.metricsTable(classifier(cm).metrics()).forEach(r -> rows.add(new ArrayList<>(r)));
    assertEquals(List.of(List.of("cat", "0.5000", "1", "0.6667", "1", "1"), List.of("dog", "1", "0.5000", "0.6667", "1",
        "2"), List.of("all", "0.8333", "0.6667", "0.6667", "1", "3")), rows);
  }

  @Test
  void theListLineAndTheMetricsTableShowTheStoredNumbersToFourDecimals() {
    InferenceCapture c = regressor("holdout", "0.901234");
    assertEquals("holdout  regressor, 4 rows (1 failed)  rmse 0.9012  r2 0.8313", CapturesViewModel.summary(c));
    assertEquals("3", CapturesViewModel.format("3.0"));
    assertEquals("n/a", CapturesViewModel.format("n/a"));
    // a capture Workbench wrote says no type: its files tell
    InferenceCapture wb = new InferenceCapture("wb", "Wb", "", 3, null, null, ModelType.UNKNOWN, c.metrics(), null,
        null, "s3://b/x/");
    assertEquals(ModelType.REGRESSOR, CapturesViewModel.type(wb));

    CapturesViewModel vm = new CapturesViewModel(new CaptureService(new ConnectionService()),
        new ImmediateTaskExecutor(), new LogViewModel());
    vm.endpointProperty().set("ep");
    vm.show("ep", List.of(c, regressor("second", "1.2")));
    assertEquals(c, vm.selectedProperty().get(), "the first capture is picked");
    assertEquals(List.of("metric", "value"), vm.metricColumns(), "one row of metrics: a line per metric");
    assertEquals(List.of(List.of("rmse", "0.9012"), List.of("mae", "0.5000"), List.of("medae", "0.4000"),
        List.of("r2", "0.8313"), List.of("spearmanr", "0.9000"), List.of("support", "3")), vm.metricRows());
    vm.show("ep", List.of(regressor("second", "1.2"), c));
    assertEquals(c, vm.selectedProperty().get(), "a refresh keeps the capture picked");
    vm.show("other", List.of());
    assertEquals(c, vm.selectedProperty().get(), "an answer for another endpoint is dropped");
  }
}
