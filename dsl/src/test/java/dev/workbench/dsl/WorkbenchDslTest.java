package dev.workbench.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceCache;
import dev.workbench.api.InferenceJob;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The DSL from Java: the same scenarios as WorkbenchKotlinTest, written as a Java user would. */
class WorkbenchDslTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @Test
  void descriptorsOfASmallFrame(@TempDir Path dir) {
    try (Workbench wb = Workbench.at(local.cloud().endpoint(), s -> s.dataDir(dir))) {
      wb.registerDemoModels();
      Endpoint ep = wb.deploy("smiles-descriptors", d -> d.endpointName("descriptors-java").maxInstances(1));
      Frame out = ep.inference(wb.frame("name", "smiles").row("ethanol", "CCO").row("water", "O").build());
      assertEquals(46.07, out.get(0).getDouble("mw"), 0.1);
      List<String> names = new ArrayList<>();
      for (Frame.Row row : out) {
        names.add(row.get("name"));
      }
      assertEquals(List.of("ethanol", "water"), names);
      EndpointDescription d = ep.describe();
      assertEquals("InService", d.status());
      assertFalse(d.async());
      assertTrue(wb.syncEndpoints().stream().anyMatch(e -> e.name().equals("descriptors-java")));
      assertTrue(wb.connectionDescription().contains(local.cloud().endpoint().toString()));
    }
  }

  @Test
  void asyncJobAndScaleToZero(@TempDir Path dir) throws Exception {
    try (Workbench wb = Workbench.at(local.cloud().endpoint(), s -> s.dataDir(dir))) {
      wb.registerDemoModels();
      Endpoint ep = wb.deploy("latency", d -> d.endpointName("latency-java").async(true).minInstances(0).maxInstances(2));
      Frame.Builder input = wb.frame("id");
      for (int i = 0; i < 20; i++) {
        input.row("row" + i);
      }
      InferenceJob job = ep.submit(input.build(), o -> o.batchSize(5));
      Frame out = job.future().get(60, TimeUnit.SECONDS);
      assertEquals(20, out.rowCount());
      assertEquals("row19", out.get(19, "id"));
      assertEquals(20, job.progress().rowsDone());
      assertTrue(wb.asyncEndpoints().stream().anyMatch(e -> e.name().equals("latency-java")));
      EndpointDescription zero = wb.await("latency-java", EndpointDescription::scaledToZero, Duration.ofSeconds(60));
      assertEquals(0, zero.currentInstances());
    }
  }

  @Test
  void cacheAnswersRepeatedKeys(@TempDir Path dir) {
    try (Workbench wb = Workbench.at(local.cloud().endpoint(), s -> s.dataDir(dir))) {
      wb.registerDemoModels();
      Endpoint ep = wb.deploy("smiles-descriptors", d -> d.endpointName("descriptors-cache-java").maxInstances(1));
      InferenceCache cache = wb.cache(ep, "smiles");
      Frame in = Frame.parseCsv("name,smiles\nethanol,CCO\nethanol again,CCO\nwater,O\n");
      cache.inference(in);
      Frame again = cache.inference(in);
      assertEquals(3, cache.lastStats().hits());
      assertEquals("ethanol again", again.get(1, "name"));
    }
  }
}
