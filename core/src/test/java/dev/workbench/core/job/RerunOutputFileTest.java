package dev.workbench.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output file run again (to retry its failed rows, or after the model changed): its old inference_error is
 * not sent, and the columns the model writes are replaced by the new answer instead of failing every row
 * with a duplicate column. Sync and async alike.
 */
class RerunOutputFileTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @TempDir
  static Path data;

  static Cloud cloud;
  static Endpoint sync;
  static Endpoint async;

  @BeforeAll
  static void deploy() {
    cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data));
    sync = cloud.registerModel("rerun-sync", r -> r.image("local/smiles-descriptors")).toEndpoint();
    async = cloud.registerModel("rerun-async", r -> r.image("local/smiles-descriptors"))
        .toEndpoint(d -> d.async(true).minInstances(1));
  }

  @AfterAll
  static void close() {
    cloud.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sync", "async"})
  void anOutputFileRunsAgainWithTheModelsColumnsReplaced(String kind) {
    Endpoint endpoint = kind.equals("sync") ? sync : async;
    Frame input = Frame.builder("id", "smiles").row("a", "CCO").row("b", "not a smiles").row("c", "c1ccccc1")
        .row("d", "O").build();
    Frame first = endpoint.submit(input, o -> o.batchSize(4)).join();
    assertEquals(1, first.errorCount());

    // As a user would retry it: the output file, with some of its model values edited by hand meanwhile.
    Frame edited = first.withColumn("mw", List.of("1", "", "2", "3"));
    Frame again = endpoint.submit(edited, o -> o.batchSize(4)).join();

    assertEquals(first.columns(), again.columns(), "no column twice, inference_error last");
    assertEquals(List.of("a", "b", "c", "d"), again.column("id"));
    assertEquals(first.column("mw"), again.column("mw"), "the model's mw replaces the one in the file");
    assertEquals(first.column("formula"), again.column("formula"));
    assertNull(again.get(0, Frame.ERROR_COLUMN));
    assertNotNull(again.get(1, Frame.ERROR_COLUMN), "the invalid SMILES fails again, with the model's message");
    assertEquals(1, again.errorCount());
  }
}
