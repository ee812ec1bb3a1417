package dev.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.local.junit.LocalCloudExtension;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Serverless endpoints and container logs from the command line, against a local cloud. */
class EndpointKindsCliTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @TempDir
  static Path dir;

  static Cli cli;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void connect() {
    cli = new Cli(local.cloud().endpoint(), dir.resolve("client"));
    assertEquals(0, cli.run("register-model", "echo", "--image", "local/latency", "--env", "LATENCY_MS_PER_ROW=0").exit());
  }

  @Test
  void helpListsTheNewOptionsAndCommands() {
    Cli.Result deploy = Cli.raw("deploy", "--help");
    assertTrue(deploy.out().contains("--serverless") && deploy.out().contains("--memory")
        && deploy.out().contains("--max-concurrency") && deploy.out().contains("--provisioned-concurrency"), deploy.out());
    assertTrue(deploy.out().contains("--serverless --memory 2048 --max-concurrency 2"), deploy.out());
    Cli.Result help = Cli.raw("--help");
    for (String command : new String[] {"logs", "test", "health"}) {
      assertTrue(help.out().contains(command), command + " in " + help.out());
      Cli.Result h = Cli.raw(command, "--help");
      assertEquals(0, h.exit());
      assertTrue(h.out().contains("Examples:"), h.out());
    }
    Cli.Result logs = Cli.raw("logs", "--help");
    assertEquals(0, logs.exit());
    assertTrue(logs.out().contains("--follow") && logs.out().contains("--since") && logs.out().contains("--filter")
        && logs.out().contains("Examples:"), logs.out());
  }

  @Test
  void logsShowWhyRowsFailedAndFollowPrintsNewLines() throws Exception {
    assertEquals(0, cli.run("register-model", "picky", "--image", "local/latency", "--env", "LATENCY_MS_PER_ROW=0",
        "--env", "FAIL_ON=poison").exit());
    assertEquals(0, cli.run("deploy", "picky").exit());
    Path in = dir.resolve("rows.csv");
    Files.writeString(in, "id\nok\npoison\n");
    Cli.Result infer = cli.run("infer", "picky", "--input", in.toString(), "--output", dir.resolve("out.csv").toString());
    assertEquals(ExitCodes.SOME_ROWS_FAILED, infer.exit(), infer.err());

    Cli.Result logs = cli.run("logs", "picky", "--since", "10m", "--filter", "ERROR");
    assertEquals(0, logs.exit(), logs.err());
    assertTrue(logs.out().lines().anyMatch(l -> l.contains(" AllTraffic/") && l.contains("FAIL_ON rejects")), logs.out());
    assertTrue(logs.out().lines().noneMatch(l -> l.contains("Loaded bundled model")), "the filter applies: " + logs.out());
    assertTrue(cli.run("logs", "picky").out().contains("Loaded bundled model local/latency"));

    Cli.Result missing = cli.run("logs", "no-such-endpoint");
    assertEquals(ExitCodes.ERROR, missing.exit());
    assertTrue(missing.err().contains("no-such-endpoint"), missing.err());

    Thread.sleep(1200); // the first run's lines are now older than the follow's --since
    StringWriter out = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread follow = new Thread(() -> exit.set(cli.run(out, "logs", "picky", "--since", "1s", "--follow", "--filter", "poison")));
    follow.start();
    Thread.sleep(1500);
    assertEquals(ExitCodes.SOME_ROWS_FAILED, cli.run("infer", "picky", "--input", in.toString(), "--output",
        dir.resolve("out2.csv").toString()).exit());
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!out.toString().contains("FAIL_ON rejects") && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    follow.interrupt();
    follow.join(10_000);
    assertFalse(follow.isAlive());
    assertEquals(0, exit.get());
    // The batch failed, then its half with the bad row: two new lines, each printed once, none from the first run.
    List<String> lines = out.toString().lines().filter(l -> l.contains("FAIL_ON rejects")).toList();
    assertEquals(2, lines.size(), out.toString());
    assertEquals(2, lines.stream().distinct().count(), out.toString());
  }

  @Test
  void serverlessDeployIsListedAndDescribedWithItsSize() throws Exception {
    Cli.Result deploy = cli.run("deploy", "echo", "--name", "echo-serverless", "--serverless", "--memory", "2048",
        "--max-concurrency", "2");
    assertEquals(0, deploy.exit(), deploy.err());
    assertTrue(deploy.out().contains("deployed echo-serverless (SERVERLESS) InService, 2 GB / 2 concurrent"), deploy.out());

    Cli.Result table = cli.run("endpoints");
    assertEquals(0, table.exit(), table.err());
    assertTrue(table.out().lines().anyMatch(l -> l.startsWith("echo-serverless") && l.contains("SERVERLESS")
        && l.contains("2 GB / 2 concurrent") && l.contains(" no ") && l.endsWith("no_activity")), table.out());

    JsonNode only = JSON.readTree(cli.run("endpoints", "--serverless", "--output", "json").out());
    assertEquals(1, only.size(), only.toString());
    assertEquals("SERVERLESS", only.get(0).get("type").asText());
    assertEquals(2048, only.get(0).get("memoryMb").asInt());
    assertEquals(2, only.get(0).get("maxConcurrency").asInt());

    JsonNode d = JSON.readTree(cli.run("describe", "echo-serverless", "--output", "json").out());
    assertEquals("true", d.get("meta").get("serverless").asText());
    assertTrue(d.get("instanceType").isNull(), d.toString());
  }

  @Test
  void smokeTestAndHealthFromTheCommandLine() throws Exception {
    Path sample = dir.resolve("sample.csv");
    Files.writeString(sample, "id\na\nb\nc\n");
    Cli.Result reg = cli.run("register-model", "sampled", "--image", "local/latency", "--env", "LATENCY_MS_PER_ROW=0",
        "--env", "FAIL_ON=poison", "--sample", sample.toString());
    assertEquals(0, reg.exit(), reg.err());
    assertTrue(reg.out().contains("sample of 3 rows"), reg.out());
    assertEquals(0, cli.run("deploy", "sampled").exit());

    Cli.Result test = cli.run("test", "sampled", "--rows", "2");
    assertEquals(0, test.exit(), test.err());
    assertTrue(test.out().contains("sampled (SYNC): OK, 2 rows, 0 failed"), test.out());
    assertTrue(test.out().contains("columns: id, latency_ms"), test.out());

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "id\npoison\n");
    Cli.Result failed = cli.run("test", "sampled", "--input", bad.toString(), "--output", "json");
    assertEquals(ExitCodes.SOME_ROWS_FAILED, failed.exit(), failed.err());
    JsonNode j = JSON.readTree(failed.out());
    assertFalse(j.get("success").asBoolean());
    assertTrue(j.get("firstError").asText().contains("FAIL_ON"), failed.out());

    Cli.Result none = cli.run("test", "echo-serverless-none");
    assertEquals(ExitCodes.ERROR, none.exit());

    long deadline = System.nanoTime() + 15_000_000_000L;
    Cli.Result health;
    do {
      Thread.sleep(200);
      health = cli.run("health", "sampled");
    } while (!health.out().contains("ok") && System.nanoTime() < deadline);
    assertEquals(0, health.exit(), health.err());
    assertTrue(health.out().lines().anyMatch(l -> l.startsWith("sampled") && l.contains(" ok")), health.out());
    JsonNode all = JSON.readTree(cli.run("health", "--output", "json").out());
    assertTrue(all.size() >= 1, all.toString());
  }

  @Test
  void badServerlessValuesAreRefusedNamingTheField() {
    Cli.Result memory = cli.run("deploy", "echo", "--name", "echo-bad", "--serverless", "--memory", "1000");
    assertEquals(ExitCodes.ERROR, memory.exit());
    assertTrue(memory.err().contains("memory must be one of 1024"), memory.err());
    Cli.Result async = cli.run("deploy", "echo", "--name", "echo-bad", "--serverless", "--async");
    assertEquals(ExitCodes.ERROR, async.exit());
    assertTrue(async.err().contains("cannot be async"), async.err());
  }
}
