package com.example.consumer;

import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.dsl.Pace;
import dev.workbench.dsl.Workbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Molecular descriptors of three molecules from a sync endpoint on the embedded local cloud. */
public final class JavaExample {
  public static void main(String[] args) throws IOException {
    Path data = Files.createTempDirectory("workbench-java-example");
    // Workbench.local() keeps its data in ~/.workbench; a throwaway directory and the fast clock suit an example
    try (Workbench wb = Workbench.local(data, Pace.TEST)) {
      wb.registerDemoModels();
      Endpoint descriptors = wb.deploy("smiles-descriptors", d -> d.endpointName("descriptors-java").maxInstances(1));
      Frame molecules = wb.frame("name", "smiles")
          .row("ethanol", "CCO")
          .row("benzene", "c1ccccc1")
          .row("not a molecule", "C1CC(")
          .build();

      Frame out = descriptors.inference(molecules);

      for (Frame.Row row : out) {
        System.out.printf("%-15s mw=%-8s error=%s%n", row.get("name"), row.get("mw"), row.get(Frame.ERROR_COLUMN));
      }
      // three rows in, three out, in order; the bad SMILES fails on its own row, the others are answered
      boolean ok = out.rowCount() == 3 && "benzene".equals(out.get(1, "name")) && out.errorCount() == 1
          && out.get(2, Frame.ERROR_COLUMN) != null && Math.abs(out.getDouble(0, "mw") - 46.07) < 0.1;
      if (!ok) {
        System.err.println("unexpected result:\n" + out.toCsv());
        System.exit(1);
      }
      System.out.println("java example: 3 rows in, 3 rows out, 1 refused SMILES on its own row");
    }
  }
}
