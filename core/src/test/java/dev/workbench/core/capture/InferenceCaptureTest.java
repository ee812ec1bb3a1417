package dev.workbench.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceCapture;
import dev.workbench.api.ModelMeta;
import dev.workbench.api.ModelType;
import dev.workbench.api.WorkbenchException;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** Inference captures through the real SDK clients against local-cloud: a real regressor and an echoing classifier. */
class InferenceCaptureTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @TempDir
  static Path data;

  static Cloud cloud;
  static Endpoint esol;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void deploy() {
    cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data));
    esol = cloud.registerModel("esol-eval", r -> r.image("local/esol-solubility").regressor("log_solubility")
        .features("smiles")).toEndpoint();
  }

  @AfterAll
  static void close() {
    cloud.close();
  }

  static Frame holdout() {
    Frame all = Frame.readCsv(Path.of("..", "examples", "esol.csv"));
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < all.rowCount(); r++) {
      if ("holdout".equals(all.get(r, "split"))) {
        rows.add(r);
      }
    }
    return all.selectRows(rows.stream().mapToInt(Integer::intValue).toArray()).drop("split");
  }

  @Test
  void regressorCaptureMatchesAnIndependentComputationAndWorkbenchsLayout() throws Exception {
    Frame holdout = holdout();
    // One row the model cannot answer (left out of the metrics, counted) and one without a measured value.
    Frame input = Frame.concat(List.of(holdout, Frame.of(holdout.columns(), List.of(
        List.of("bad-1", "not a molecule", "C1CC", "-1.5"),
        java.util.Arrays.asList("nolabel-1", "ethanol", "CCO", "")))));
    Frame out = esol.inference(input, o -> o.capture("holdout").idColumn("id"));
    assertEquals(input.rowCount(), out.rowCount());
    assertTrue(out.hasColumn("residuals") && out.hasColumn("residuals_abs"), out.columns().toString());

    List<Double> ys = new ArrayList<>();
    List<Double> ps = new ArrayList<>();
    for (int r = 0; r < out.rowCount(); r++) {
      String error = out.get(r, Frame.ERROR_COLUMN);
      String y = out.get(r, "log_solubility");
      if ((error == null || error.isEmpty()) && y != null && !y.isEmpty()) {
        double yv = Double.parseDouble(y);
        double pv = Double.parseDouble(out.get(r, "prediction"));
        ys.add(yv);
        ps.add(pv);
        assertEquals(yv - pv, Double.parseDouble(out.get(r, "residuals")), 1e-6, "row " + r);
        assertEquals(Math.abs(yv - pv), Double.parseDouble(out.get(r, "residuals_abs")), 1e-6);
      } else {
        assertTrue(out.get(r, "residuals") == null || out.get(r, "residuals").isEmpty(), "row " + r);
      }
    }
    assertEquals("", value(out, "bad-1", "residuals"));
    assertTrue(!value(out, "bad-1", Frame.ERROR_COLUMN).isEmpty());
    double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
    double[] p = ps.stream().mapToDouble(Double::doubleValue).toArray();

    InferenceCapture c = esol.inferenceCapture("holdout").orElseThrow();
    assertEquals("Holdout", c.description());
    assertEquals(holdout.rowCount() + 1, c.numRows(), "rows with a measured value, the failed one included");
    assertEquals(1, c.failedRows());
    assertEquals(ModelType.REGRESSOR, c.modelType());
    assertEquals("log_solubility", c.target());
    assertEquals(List.of("rmse", "mae", "medae", "r2", "spearmanr", "support"), c.metrics().columns());
    assertEquals(y.length, (int) c.metric("support"));
    assertEquals(IndependentMetrics.rmse(y, p), c.metric("rmse"), 1e-9);
    assertEquals(IndependentMetrics.mae(y, p), c.metric("mae"), 1e-9);
    assertEquals(IndependentMetrics.r2(y, p), c.metric("r2"), 1e-9);
    assertEquals(IndependentMetrics.spearman(y, p), c.metric("spearmanr"), 1e-9);
    // A real model, honestly evaluated on compounds it was not fitted on.
    assertTrue(c.metric("rmse") < 1.3 && c.metric("r2") > 0.6, c.metrics().toString());
    scipyAgrees(y, p, c);

    // Workbench's layout and what its readers expect.
    String folder = "endpoints/esol-eval/inference/holdout/";
    List<String> keys = cloud.s3().listObjectsV2(b -> b.bucket(cloud.bucket()).prefix(folder)).contents().stream()
        .map(S3Object::key).sorted().toList();
    assertEquals(List.of(folder + "inference_meta.json", folder + "inference_metrics.csv",
        folder + "inference_predictions.csv"), keys);
    JsonNode meta = JSON.readTree(object(folder + "inference_meta.json"));
    List<String> fields = new ArrayList<>();
    meta.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("name", "data_hash", "num_rows", "description"), fields.subList(0, 4));
    assertEquals("holdout", meta.get("name").get("0").asText(), "pandas' default 'columns' orientation");
    assertEquals(holdout.rowCount() + 1, meta.get("num_rows").get("0").asInt());
    assertTrue(meta.get("data_hash").get("0").asText().matches("[0-9a-f]{8}"));
    assertTrue(object(folder + "inference_metrics.csv").startsWith("rmse,mae,medae,r2,spearmanr,support\n"));
    Frame predictions = Frame.parseCsv(object(folder + "inference_predictions.csv"));
    assertEquals(List.of("id", "log_solubility", "prediction", "smiles"), predictions.columns());
    assertEquals(holdout.rowCount() + 1, predictions.rowCount());
    assertEquals("", value(predictions, "bad-1", "prediction"));

    assertTrue(esol.captures().stream().anyMatch(x -> x.name().equals("holdout")));
  }

  /** scipy, where installed, as a second independent computation (scikit-learn is not needed for these). */
  private static void scipyAgrees(double[] y, double[] p, InferenceCapture c) throws Exception {
    Path file = data.resolve("pairs.csv");
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < y.length; i++) {
      s.append(y[i]).append(',').append(p[i]).append('\n');
    }
    Files.writeString(file, s);
    String script = "import numpy as np, scipy.stats as st\n"
        + "d=np.loadtxt('" + file + "',delimiter=',');y,p=d[:,0],d[:,1]\n"
        + "print(np.sqrt(np.mean((y-p)**2)), np.mean(np.abs(y-p)), np.median(np.abs(y-p)),"
        + " 1-np.sum((y-p)**2)/np.sum((y-y.mean())**2), st.spearmanr(y,p).correlation)\n";
    Process proc;
    try {
      proc = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      Assumptions.abort("python3 is not installed");
      return;
    }
    String text = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
    Assumptions.assumeTrue(proc.exitValue() == 0, "numpy/scipy not available: " + text);
    String[] v = text.split("\\s+");
    assertEquals(Double.parseDouble(v[0]), c.metric("rmse"), 1e-9);
    assertEquals(Double.parseDouble(v[1]), c.metric("mae"), 1e-9);
    assertEquals(Double.parseDouble(v[2]), c.metric("medae"), 1e-9);
    assertEquals(Double.parseDouble(v[3]), c.metric("r2"), 1e-9);
    assertEquals(Double.parseDouble(v[4]), c.metric("spearmanr"), 1e-9);
  }

  @Test
  void classifierCaptureHasPerClassMetricsRocAucAndTheConfusionMatrix() {
    // The latency model echoes its rows, so the "answer" carries the prediction and probabilities given here,
    // through a real endpoint; FAIL_ON makes one row fail at the endpoint.
    Endpoint ep = cloud.registerModel("iris-echo", r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "0")
        .environment("FAIL_ON", "poison").classifier("species", "setosa", "versicolor", "virginica")).toEndpoint();
    List<String> labels = List.of("setosa", "versicolor", "virginica");
    Random random = new Random(42);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String actual = labels.get(random.nextInt(3));
      double[] proba = new double[3];
      double sum = 0;
      for (int k = 0; k < 3; k++) {
        proba[k] = random.nextDouble() + (labels.get(k).equals(actual) ? 0.8 : 0);
        sum += proba[k];
      }
      int best = 0;
      for (int k = 0; k < 3; k++) {
        proba[k] = Math.round(proba[k] / sum * 1000) / 1000.0;
        if (proba[k] > proba[best]) {
          best = k;
        }
      }
      rows.add(List.of("r" + i, i == 7 ? "poison" : "x", actual, labels.get(best), Double.toString(proba[0]),
          Double.toString(proba[1]), Double.toString(proba[2])));
    }
    Frame input = Frame.of(List.of("id", "note", "species", "prediction", "setosa_proba", "versicolor_proba",
        "virginica_proba"), rows);
    Frame out = ep.inference(input, o -> o.capture("test_inference").idColumn("id"));
    assertEquals(120, out.rowCount());
    assertEquals(1, out.errorCount());

    List<String> actual = new ArrayList<>();
    List<String> predicted = new ArrayList<>();
    List<double[]> probas = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      if (i == 7) {
        continue;
      }
      actual.add(rows.get(i).get(2));
      predicted.add(rows.get(i).get(3));
      probas.add(new double[] {Double.parseDouble(rows.get(i).get(4)), Double.parseDouble(rows.get(i).get(5)),
          Double.parseDouble(rows.get(i).get(6))});
    }
    InferenceCapture c = ep.inferenceCapture("test_inference").orElseThrow();
    assertEquals("Test Inference", c.description());
    assertEquals(1, c.failedRows());
    assertEquals(List.of("species", "precision", "recall", "f1", "roc_auc", "support"), c.metrics().columns());
    assertEquals(4, c.metrics().rowCount());
    double weightedF1 = 0;
    for (int k = 0; k < 3; k++) {
      String label = labels.get(k);
      long tp = 0;
      long predictedK = 0;
      long actualK = 0;
      for (int i = 0; i < actual.size(); i++) {
        tp += actual.get(i).equals(label) && predicted.get(i).equals(label) ? 1 : 0;
        predictedK += predicted.get(i).equals(label) ? 1 : 0;
        actualK += actual.get(i).equals(label) ? 1 : 0;
      }
      double precision = tp / (double) predictedK;
      double recall = tp / (double) actualK;
      double f1 = 2 * precision * recall / (precision + recall);
      double[] score = new double[actual.size()];
      for (int i = 0; i < score.length; i++) {
        score[i] = probas.get(i)[k];
      }
      assertEquals(label, c.metrics().get(k, "species"));
      assertEquals(precision, c.metrics().getDouble(k, "precision"), 1e-12, label);
      assertEquals(recall, c.metrics().getDouble(k, "recall"), 1e-12, label);
      assertEquals(f1, c.metrics().getDouble(k, "f1"), 1e-12, label);
      assertEquals(IndependentMetrics.auc(actual, label, score), c.metrics().getDouble(k, "roc_auc"), 1e-12, label);
      assertEquals(actualK, (long) c.metrics().getDouble(k, "support"));
      weightedF1 += f1 * actualK;
      for (int j = 0; j < 3; j++) {
        long count = 0;
        for (int i = 0; i < actual.size(); i++) {
          count += actual.get(i).equals(label) && predicted.get(i).equals(labels.get(j)) ? 1 : 0;
        }
        assertEquals(count, Long.parseLong(c.confusionMatrix().get(k, labels.get(j))), label + " as " + labels.get(j));
      }
    }
    assertEquals("all", c.metrics().get(3, "species"));
    assertEquals(weightedF1 / actual.size(), c.metric("f1"), 1e-12);
    assertEquals(List.of("labels", "setosa", "versicolor", "virginica"), c.confusionMatrix().columns());
    String predictionsCsv = object("endpoints/iris-echo/inference/test_inference/inference_predictions.csv");
    assertTrue(predictionsCsv.startsWith("id,species,prediction,setosa_proba,versicolor_proba,virginica_proba\n"),
        predictionsCsv.substring(0, 80));
  }

  @Test
  void multiTargetModelsGetOneCapturePerTargetAndThePrimaryUnderTheName() {
    Endpoint ep = cloud.registerModel("two-targets", r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "0")
        .meta(new ModelMeta(List.of("a", "b"), ModelType.REGRESSOR, List.of(), List.of(), List.of()))).toEndpoint();
    Frame input = Frame.of(List.of("id", "a", "b", "a_pred", "b_pred"), List.of(
        List.of("1", "1.0", "10", "1.5", "10"), List.of("2", "2.0", "20", "2.5", "22"), List.of("3", "3.0", "30", "2.5", "27")));
    ep.inference(input, o -> o.capture("mt"));
    List<String> names = ep.captures().stream().map(InferenceCapture::name).toList();
    assertEquals(List.of("mt", "mt_a", "mt_b"), names);
    InferenceCapture b = ep.inferenceCapture("mt_b").orElseThrow();
    assertEquals(IndependentMetrics.rmse(new double[] {10, 20, 30}, new double[] {10, 22, 27}), b.metric("rmse"), 1e-12);
    InferenceCapture primary = ep.inferenceCapture("mt").orElseThrow();
    assertEquals("a", primary.target());
    assertEquals(0.5, primary.metric("mae"), 1e-12);
  }

  @Test
  void workbenchWrittenModelMetaIsRead() {
    // As Workbench's upsert_workbench_meta stores them: strings as they are, lists as JSON, unsafe values as b64:.
    String labels = "b64:" + Base64.getEncoder().encodeToString("[\"low\", \"high\"]".getBytes(StandardCharsets.UTF_8));
    cloud.sageMaker().createModel(b -> b.modelName("wb-written").executionRoleArn("arn:aws:iam::000000000000:role/x")
        .primaryContainer(pc -> pc.image("local/latency"))
        .tags(Tag.builder().key("workbench_model_target").value("solubility_class").build(),
            Tag.builder().key("workbench_model_type").value("classifier").build(),
            Tag.builder().key("class_labels").value(labels).build()));
    ModelMeta meta = cloud.model("wb-written").meta();
    assertEquals(List.of("solubility_class"), meta.targets());
    assertEquals(ModelType.CLASSIFIER, meta.type());
    assertEquals(List.of("low", "high"), meta.classLabels());
    assertEquals("prediction", meta.predictionColumn("solubility_class"));
  }

  @Test
  void aCaptureWrittenByWorkbenchIsListed() {
    String folder = "endpoints/esol-eval/inference/wb_run/";
    put(folder + "inference_meta.json",
        "{\"name\":{\"0\":\"wb_run\"},\"data_hash\":{\"0\":\"0a1b2c3d\"},\"num_rows\":{\"0\":3},\"description\":{\"0\":\"Wb Run\"}}");
    put(folder + "inference_metrics.csv", "rmse,mae,medae,r2,spearmanr,support\n0.5,0.4,0.3,0.9,0.95,3\n");
    InferenceCapture c = esol.inferenceCapture("wb_run").orElseThrow();
    assertEquals(3, c.numRows());
    assertNull(c.failedRows());
    assertEquals(0.9, c.metric("r2"));
    assertNull(c.confusionMatrix());
  }

  @Test
  void aCaptureThatCannotBeEvaluatedIsRefusedBeforeAnyRowIsSent() {
    Endpoint plain = cloud.registerModel("no-target", r -> r.image("local/latency")
        .environment("LATENCY_MS_PER_ROW", "0")).toEndpoint();
    Frame input = Frame.of(List.of("id", "y"), List.of(List.of("1", "2")));
    WorkbenchException e = assertThrows(WorkbenchException.class, () -> plain.inference(input, o -> o.capture("x")));
    assertTrue(e.getMessage().contains("has no workbench_model_target"), e.getMessage());
    WorkbenchException id = assertThrows(WorkbenchException.class,
        () -> esol.inference(holdout(), o -> o.capture("x").idColumn("compound")));
    assertTrue(id.getMessage().contains("no id column 'compound'"), id.getMessage());
    Frame badTarget = Frame.of(List.of("smiles", "log_solubility"), List.of(List.of("CCO", "very soluble")));
    WorkbenchException target = assertThrows(WorkbenchException.class, () -> esol.inference(badTarget, o -> o.capture("x")));
    assertTrue(target.getMessage().contains("'very soluble', not a number"), target.getMessage());
    assertThrows(IllegalArgumentException.class, () -> esol.inference(input, o -> o.capture("../escape")));
    IllegalArgumentException cached = assertThrows(IllegalArgumentException.class,
        () -> new dev.workbench.api.InferenceCache(esol, "smiles", data.resolve("cache.db")).inference(holdout(),
            o -> o.capture("holdout")));
    assertTrue(cached.getMessage().contains("not through the cache"), cached.getMessage());
    assertTrue(plain.captures().isEmpty());
  }

  private static String value(Frame f, String id, String column) {
    for (int r = 0; r < f.rowCount(); r++) {
      if (id.equals(f.get(r, "id"))) {
        String v = f.get(r, column);
        return v == null ? "" : v;
      }
    }
    throw new AssertionError("no row " + id);
  }

  private static String object(String key) {
    return cloud.s3().getObjectAsBytes(b -> b.bucket(cloud.bucket()).key(key)).asUtf8String();
  }

  private static void put(String key, String body) {
    cloud.s3().putObject(b -> b.bucket(cloud.bucket()).key(key), RequestBody.fromString(body));
  }

  static {
    assertNotNull(JSON);
  }
}
