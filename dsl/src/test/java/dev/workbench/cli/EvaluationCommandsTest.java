package dev.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.api.Frame;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** register-model with a target, infer --capture and captures: what a user sees, and what was stored. */
class EvaluationCommandsTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @Test
  void inferWithACaptureScoresTheModelAndCapturesListsIt(@TempDir Path dir) throws Exception {
    Cli cli = new Cli(local.cloud().endpoint(), dir.resolve("client"));
    Cli.Result reg = cli.run("register-model", "sol", "--image", "local/esol-solubility", "--target", "log_solubility",
        "--model-type", "regressor");
    assertEquals(0, reg.exit(), reg.err());
    assertEquals(0, cli.run("deploy", "sol").exit());
    Path in = dir.resolve("rows.csv");
    Files.writeString(in, "id,smiles,log_solubility\na,CCO,1.1\nb,c1ccccc1,-1.64\nc,CCCCCCCC,-5.24\nd,bogus(,-2\n"
        + "e,Clc1ccc(Cl)cc1,-3.27\n");
    Path out = dir.resolve("scored.csv");
    Cli.Result infer = cli.run("infer", "sol", "--input", in.toString(), "--output", out.toString(), "--capture",
        "holdout", "--id-column", "id", "--progress", "none");
    assertEquals(3, infer.exit(), "one row failed: " + infer.out() + infer.err());
    assertTrue(infer.out().contains("capture holdout (regressor, target log_solubility): 5 rows, 1 failed"), infer.out());
    assertTrue(infer.out().contains("RMSE") && infer.out().contains("SPEARMANR"), infer.out());
    Frame scored = Frame.readCsv(out);
    assertTrue(scored.hasColumn("residuals"), scored.columns().toString());

    Cli.Result list = cli.run("captures", "sol");
    assertEquals(0, list.exit(), list.err());
    assertTrue(list.out().contains("capture holdout") && list.out().contains("s3://"), list.out());
    JsonNode json = new ObjectMapper().readTree(cli.run("captures", "sol", "--output", "json").out());
    assertEquals("holdout", json.get(0).get("name").asText());
    assertEquals(4, json.get(0).get("metrics").get(0).get("support").asInt());
    assertEquals(1, json.get(0).get("failedRows").asInt());
  }

  @Test
  void badCaptureOptionsAreRefusedBeforeAnyRowIsSent(@TempDir Path dir) throws Exception {
    Cli cli = new Cli(local.cloud().endpoint(), dir.resolve("client"));
    assertEquals(0, cli.run("register-model", "plain", "--image", "local/latency").exit());
    assertEquals(0, cli.run("deploy", "plain").exit());
    Path in = dir.resolve("rows.csv");
    Files.writeString(in, "id,y\n1,2\n");
    Path out = dir.resolve("o.csv");
    Cli.Result noTarget = cli.run("infer", "plain", "--input", in.toString(), "--output", out.toString(), "--capture", "x");
    assertEquals(1, noTarget.exit());
    assertTrue(noTarget.err().contains("has no workbench_model_target"), noTarget.err());
    Cli.Result badName = cli.run("infer", "plain", "--input", in.toString(), "--output", out.toString(), "--capture", "a/b");
    assertEquals(1, badName.exit());
    assertTrue(badName.err().contains("--capture: capture name must be"), badName.err());
    Cli.Result badType = cli.run("register-model", "m", "--image", "local/latency", "--model-type", "regresor");
    assertTrue(badType.exit() != 0 && badType.err().contains("--model-type must be one of"), badType.err());
    assertTrue(!Files.exists(out), "nothing written");
  }
}
