package dev.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.api.Frame;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every command against a local cloud: what a user sees on stdout/stderr and the exit code. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliCommandsTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @TempDir
  static Path dir;

  static Cli cli;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void connect() {
    cli = new Cli(local.cloud().endpoint(), dir.resolve("client"));
  }

  @Test
  @Order(1)
  void helpListsCommandsWithExamples() {
    Cli.Result r = Cli.raw("--help");
    assertEquals(0, r.exit());
    for (String c : new String[] {"demo", "endpoints", "describe", "deploy", "delete", "models", "register-model",
        "infer", "jobs", "metrics", "local", "run", "shell"}) {
      assertTrue(r.out().contains(c), c + " in " + r.out());
    }
    assertTrue(r.out().contains("Examples:"));
    Cli.Result infer = Cli.raw("infer", "--help");
    assertEquals(0, infer.exit());
    assertTrue(infer.out().contains("--cache-key") && infer.out().contains("--endpoint-url") && infer.out().contains("Examples:"));
    assertTrue(infer.out().contains("--invocation-timeout 30s --outage-window 10m"), "an example of the timeouts: " + infer.out());
  }

  @Test
  @Order(2)
  void registerAndListModels() throws Exception {
    Cli.Result reg = cli.run("register-model", "slow", "--image", "local/latency", "--env", "LATENCY_MS_PER_ROW=5",
        "--env", "FAIL_ON=boom");
    assertEquals(0, reg.exit(), reg.err());
    assertTrue(reg.out().contains("registered model slow"));
    assertEquals(0, cli.run("register-model", "descriptors", "--image", "local/smiles-descriptors").exit());

    Cli.Result table = cli.run("models");
    assertEquals(0, table.exit(), table.err());
    assertTrue(table.out().startsWith("NAME"));
    assertTrue(table.out().contains("slow") && table.out().contains("local/latency"));

    JsonNode json = JSON.readTree(cli.run("models", "--output", "json").out());
    JsonNode slow = null;
    for (JsonNode m : json) {
      if (m.get("name").asText().equals("slow")) slow = m;
    }
    assertTrue(slow != null, json.toString());
    assertEquals("5", slow.get("environment").get("LATENCY_MS_PER_ROW").asText());
  }

  @Test
  @Order(3)
  void deployListDescribe() throws Exception {
    Cli.Result deploy = cli.run("deploy", "slow", "--max-instances", "1", "--tag", "team=chem");
    assertEquals(0, deploy.exit(), deploy.err());
    assertTrue(deploy.out().contains("deployed slow (SYNC) InService"), deploy.out());
    Cli.Result deployAsync = cli.run("deploy", "slow", "--async", "--name", "slow-async", "--max-instances", "2",
        "--idle-minutes", "1", "--max-concurrent", "2");
    assertEquals(0, deployAsync.exit(), deployAsync.err());
    assertTrue(deployAsync.out().contains("deployed slow-async (ASYNC)"), deployAsync.out());
    assertEquals(0, cli.run("deploy", "descriptors").exit());

    Cli.Result table = cli.run("endpoints");
    assertEquals(0, table.exit(), table.err());
    assertTrue(table.out().lines().anyMatch(l -> l.startsWith("slow ") && l.contains("SYNC") && l.contains("InService")
        && l.contains("1/1")), table.out());
    assertTrue(table.out().lines().anyMatch(l -> l.startsWith("slow-async") && l.contains("ASYNC")), table.out());

    JsonNode asyncOnly = JSON.readTree(cli.run("endpoints", "--async", "--output", "json").out());
    assertEquals(1, asyncOnly.size());
    assertEquals("slow-async", asyncOnly.get(0).get("name").asText());
    assertEquals("ASYNC", asyncOnly.get(0).get("type").asText());

    Cli.Result describe = cli.run("describe", "slow-async", "--output", "json");
    assertEquals(0, describe.exit(), describe.err());
    JsonNode d = JSON.readTree(describe.out());
    assertEquals("slow-async", d.get("name").asText());
    assertTrue(d.get("meta").size() > 0, describe.out());
    assertTrue(cli.run("describe", "slow").out().contains("InService"));
  }

  @Test
  @Order(4)
  void inferAllRowsSucceedExitsZero() {
    Path in = write("ok.csv", "name,smiles\nethanol,CCO\nbenzene,c1ccccc1\nwater,O\n");
    Path out = dir.resolve("out/ok-out.csv");
    Cli.Result r = cli.run("infer", "descriptors", "--input", in.toString(), "--output", out.toString(), "--progress", "lines");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("3 rows, 0 failed"), r.out());
    Frame f = Frame.readCsv(out);
    assertEquals(3, f.rowCount());
    assertEquals("ethanol", f.get(0, "name"));
    assertTrue(f.getDouble(0, "mw") > 45 && f.getDouble(0, "mw") < 47, f.toString());
    assertTrue(r.err().contains("3/3 rows"), r.err());
  }

  @Test
  @Order(5)
  void inferReadsAndWritesS3ObjectsAndRefusesAMalformedS3Location() {
    try (dev.workbench.api.Cloud cloud = dev.workbench.api.Cloud.at(local.cloud().endpoint(),
        s -> s.dataDir(dir.resolve("s3-client")))) {
      String bucket = cloud.bucket();
      cloud.s3().putObject(b -> b.bucket(bucket).key("cli/in.csv"),
          software.amazon.awssdk.core.sync.RequestBody.fromString("name,smiles\nethanol,CCO\nnonsense,C1CC(\nwater,O\n"));
      Cli.Result r = cli.run("infer", "descriptors", "--input", "s3://" + bucket + "/cli/in.csv",
          "--output", "s3://" + bucket + "/cli/out.csv", "--progress", "none");
      assertEquals(3, r.exit(), r.out() + r.err());
      assertTrue(r.out().contains("3 rows, 1 failed"), r.out());
      Frame f = Frame.parseCsv(cloud.s3().getObjectAsBytes(b -> b.bucket(bucket).key("cli/out.csv")).asUtf8String());
      assertEquals(java.util.List.of("ethanol", "nonsense", "water"), f.column("name"));
      assertTrue(f.get(1, Frame.ERROR_COLUMN) != null);
    }
    Cli.Result bad = cli.run("infer", "descriptors", "--input", "s3://only-a-bucket", "--output", "x.csv");
    assertEquals(1, bad.exit());
    assertTrue(bad.err().contains("is not s3://bucket/key"), bad.err());
  }

  @Test
  @Order(5)
  void inferSomeRowsFailedExitsThreeWithErrorsInOutput() {
    Path in = write("bad.csv", "name,smiles\nethanol,CCO\nnonsense,C1CC(\nwater,O\n");
    Path out = dir.resolve("bad-out.csv");
    Cli.Result r = cli.run("infer", "descriptors", "-i", in.toString(), "-O", out.toString(), "--progress", "none");
    assertEquals(3, r.exit(), r.out() + r.err());
    Frame f = Frame.readCsv(out);
    assertEquals(3, f.rowCount());
    assertEquals(1, f.errorCount());
    assertTrue(f.get(1, Frame.ERROR_COLUMN) != null);
  }

  @Test
  @Order(6)
  void inferOnAsyncEndpointWithBadRowBisected() {
    StringBuilder csv = new StringBuilder("id\n");
    for (int i = 0; i < 12; i++) csv.append(i == 7 ? "boom" : "r" + i).append('\n');
    Path in = write("async.csv", csv.toString());
    Path out = dir.resolve("async-out.csv");
    Cli.Result r = cli.run("infer", "slow-async", "--input", in.toString(), "--output", out.toString(),
        "--batch-size", "4", "--max-in-flight", "4", "--progress", "lines");
    assertEquals(3, r.exit(), r.out() + r.err());
    Frame f = Frame.readCsv(out);
    assertEquals(12, f.rowCount());
    assertEquals("boom", f.get(7, "id"));
    assertTrue(f.get(7, Frame.ERROR_COLUMN) != null);
    assertEquals(1, f.errorCount());
  }

  @Test
  @Order(7)
  void inferThroughTheCache() {
    Path in = write("cache.csv", "name,smiles\nethanol,CCO\nwater,O\n");
    Path out = dir.resolve("cache-out.csv");
    Cli.Result first = cli.run("infer", "descriptors", "--input", in.toString(), "--output", out.toString(), "--cache-key", "smiles");
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.err().contains("0 hits, 2 misses"), first.err());
    Cli.Result second = cli.run("infer", "descriptors", "--input", in.toString(), "--output", out.toString(), "--cache-key", "smiles");
    assertTrue(second.err().contains("2 hits, 0 misses"), second.err());
    assertEquals(2, Frame.readCsv(out).rowCount());
  }

  @Test
  @Order(8)
  void badInputIsOneLineAndExitOne() {
    Path out = dir.resolve("never.csv");
    Cli.Result missing = cli.run("infer", "descriptors", "--input", dir.resolve("nope.csv").toString(), "--output", out.toString());
    assertEquals(1, missing.exit());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
    assertTrue(missing.err().contains("input file not found"), missing.err());

    Path broken = write("broken.csv", "name,smiles\n\"unterminated,CCO\n");
    Cli.Result unreadable = cli.run("infer", "descriptors", "--input", broken.toString(), "--output", out.toString());
    assertEquals(1, unreadable.exit());
    assertEquals(1, unreadable.err().strip().lines().count(), unreadable.err());
    assertFalse(unreadable.err().contains("\tat "), unreadable.err());

    Path ok = write("ok2.csv", "name,smiles\nethanol,CCO\n");
    Cli.Result unknown = cli.run("infer", "no-such-endpoint", "--input", ok.toString(), "--output", out.toString());
    assertEquals(1, unknown.exit());
    assertTrue(unknown.err().contains("no-such-endpoint"), unknown.err());
    assertEquals(1, unknown.err().strip().lines().count(), unknown.err());

    Cli.Result key = cli.run("infer", "descriptors", "--input", ok.toString(), "--output", out.toString(), "--cache-key", "inchi");
    assertEquals(1, key.exit());
    assertTrue(key.err().contains("no column 'inchi'") && key.err().contains("name, smiles"), key.err());
    assertFalse(Files.exists(out));

    Cli.Result debug = cli.run("infer", "no-such-endpoint", "--input", ok.toString(), "--output", out.toString(), "--debug");
    assertEquals(1, debug.exit());
    assertTrue(debug.err().contains("\tat "), "--debug shows the stack trace");

    Cli.Result describe = cli.run("describe", "nope");
    assertEquals(1, describe.exit());
    assertTrue(describe.err().contains("nope"));

    Cli.Result usage = cli.run("infer", "descriptors");
    assertEquals(2, usage.exit());
    assertTrue(usage.err().contains("--input") || usage.err().contains("--output"), usage.err());
  }

  @Test
  @Order(8)
  void inferTakesTheCallersTimeoutsAndRefusesOnesOutOfRange() {
    Path in = write("timeouts.csv", "name,smiles\nethanol,CCO\n");
    Path out = dir.resolve("timeouts-out.csv");
    Cli.Result tooLong = cli.run("infer", "descriptors", "-i", in.toString(), "-O", out.toString(), "--invocation-timeout", "2h");
    assertEquals(1, tooLong.exit());
    assertEquals(1, tooLong.err().strip().lines().count(), tooLong.err());
    assertTrue(tooLong.err().contains("--invocation-timeout must be between 1s and 1h, got 7200s"), tooLong.err());
    Cli.Result notADuration = cli.run("infer", "descriptors", "-i", in.toString(), "-O", out.toString(), "--outage-window", "soon");
    assertEquals(2, notADuration.exit());
    assertTrue(notADuration.err().contains("'soon' is not a duration"), notADuration.err());
    assertFalse(Files.exists(out));

    Cli.Result ok = cli.run("infer", "descriptors", "-i", in.toString(), "-O", out.toString(), "--progress", "none",
        "--invocation-timeout", "30s", "--outage-window", "5m");
    assertEquals(0, ok.exit(), ok.err());
    assertEquals(1, Frame.readCsv(out).rowCount());
    Cli.Result cached = cli.run("infer", "descriptors", "-i", in.toString(), "-O", out.toString(), "--progress", "none",
        "--cache-key", "smiles", "--invocation-timeout", "30s", "--outage-window", "5m");
    assertEquals(0, cached.exit(), cached.err());
  }

  @Test
  @Order(9)
  void noCredentialsSaysHowToUseLocal() {
    Cli.Result r = Cli.raw("endpoints", "--profile", "workbench-no-such-profile", "--region", "us-east-1");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("--local"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  @Order(10)
  void jobsAndMetrics() throws Exception {
    Cli.Result jobs = cli.run("jobs");
    assertEquals(0, jobs.exit(), jobs.err());
    JsonNode json = JSON.readTree(cli.run("jobs", "--output", "json").out());
    assertTrue(json.has("jobs") && json.has("journalBatches"));

    Cli.Result metrics = cli.run("metrics", "descriptors", "--since", "15m");
    assertEquals(0, metrics.exit(), metrics.err());
    assertTrue(metrics.out().contains("METRIC"), metrics.out());
    JsonNode m = JSON.readTree(cli.run("metrics", "slow-async", "--since", "1h", "-o", "json").out());
    assertEquals("slow-async", m.get("endpoint").asText());
    assertTrue(m.get("async").asBoolean());

    Cli.Result badSince = cli.run("metrics", "descriptors", "--since", "soon");
    assertEquals(2, badSince.exit());
    assertTrue(badSince.err().contains("not a duration"), badSince.err());
  }

  @Test
  @Order(11)
  void deleteNeedsConfirmation() {
    Cli.Result refused = cli.run("delete", "slow");
    assertEquals(1, refused.exit());
    assertTrue(refused.err().contains("--yes"), refused.err());
    Cli.Result deleted = cli.run("delete", "slow", "--yes");
    assertEquals(0, deleted.exit(), deleted.err());
    assertTrue(deleted.out().contains("deleted slow"));
    assertFalse(cli.run("endpoints").out().lines().anyMatch(l -> l.startsWith("slow ")));
    assertEquals(1, cli.run("delete", "slow", "--yes").exit());
  }

  @Test
  @Order(12)
  void outputThatCannotBeWrittenIsRefusedBeforeAnyInvocation() throws Exception {
    Path in = write("refused.csv", "name,smiles\nethanol,CCO\n");
    Path directory = Files.createDirectories(dir.resolve("a-directory"));
    assertOutputRefused(in, directory, "it is a directory");

    Path readOnly = write("read-only.csv", "kept\n");
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
    assertOutputRefused(in, readOnly, "the file is read-only");
    assertEquals("kept\n", Files.readString(readOnly), "a read-only file is left as it was");

    assertOutputRefused(in, readOnly.resolve("out.csv"), "is not a directory");
  }

  @Test
  @Order(13)
  void outputInAPlaceWhereNoFileCanBeCreatedIsRefused() {
    // Tests run as root, which ignores permission bits: /sys (sysfs) refuses new files even to root.
    Path place = Path.of("/sys");
    assumeTrue(cannotCreateFileIn(place), "needs a directory where this user cannot create a file");
    Path in = write("refused-place.csv", "name,smiles\nethanol,CCO\n");
    assertOutputRefused(in, place.resolve("out.csv"), "cannot create a file in /sys");
    assertOutputRefused(in, place.resolve("new-dir/out.csv"), "cannot create a file in /sys");
  }

  @Test
  @Order(14)
  void outputFileHasTheUsualPermissions() throws Exception {
    Path usual = dir.resolve("made-the-usual-way");
    Files.newOutputStream(usual).close(); // as any program makes a file: 0666 less the umask
    Path in = write("perm.csv", "name,smiles\nethanol,CCO\n");
    Path out = dir.resolve("perm-out.csv");
    Cli.Result r = cli.run("infer", "descriptors", "-i", in.toString(), "-O", out.toString(), "--progress", "none");
    assertEquals(0, r.exit(), r.err());
    assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(usual)),
        PosixFilePermissions.toString(Files.getPosixFilePermissions(out)), "a new output file gets the umask's mode");

    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
    Cli.Result again = cli.run("infer", "descriptors", "-i", in.toString(), "-O", out.toString(), "--progress", "none");
    assertEquals(0, again.exit(), again.err());
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)),
        "a replaced output file keeps its mode");
  }

  /** No endpoint of that name exists: an answer about the output shows that nothing was looked up or sent first. */
  private static void assertOutputRefused(Path in, Path out, String reason) {
    Cli.Result r = cli.run("infer", "no-such-endpoint", "--input", in.toString(), "--output", out.toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("--output") && r.err().contains(reason) && !r.err().contains("no-such-endpoint"),
        r.err());
  }

  private static boolean cannotCreateFileIn(Path place) {
    if (!Files.isDirectory(place)) {
      return false;
    }
    Path probe = place.resolve("workbench-probe-" + ProcessHandle.current().pid());
    try {
      Files.createFile(probe);
      Files.delete(probe);
      return false;
    } catch (java.io.IOException e) {
      return true;
    }
  }

  static Path write(String name, String content) {
    try {
      Path p = dir.resolve(name);
      Files.writeString(p, content);
      return p;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
