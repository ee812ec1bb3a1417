package dev.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Path;
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
        && l.contains("2 GB / 2 concurrent") && l.endsWith("no")), table.out());

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
  void badServerlessValuesAreRefusedNamingTheField() {
    Cli.Result memory = cli.run("deploy", "echo", "--name", "echo-bad", "--serverless", "--memory", "1000");
    assertEquals(ExitCodes.ERROR, memory.exit());
    assertTrue(memory.err().contains("memory must be one of 1024"), memory.err());
    Cli.Result async = cli.run("deploy", "echo", "--name", "echo-bad", "--serverless", "--async");
    assertEquals(ExitCodes.ERROR, async.exit());
    assertTrue(async.err().contains("cannot be async"), async.err());
  }
}
