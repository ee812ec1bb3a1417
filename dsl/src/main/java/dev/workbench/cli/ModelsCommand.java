package dev.workbench.cli;

import dev.workbench.api.ModelDescription;
import dev.workbench.dsl.Workbench;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code workbench models}: registered SageMaker models. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List registered models.",
    footerHeading = "%nExamples:%n", footer = {"  workbench models --local", "  workbench models --output json"})
final class ModelsCommand extends ConnectedCommand {
  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json.") Output.Format format;

  @Override
  int run(Workbench wb) {
    List<ModelDescription> models = wb.models();
    if (format == Output.Format.json) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (ModelDescription m : models) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", m.name());
        map.put("image", m.image());
        map.put("modelDataUrl", m.modelDataUrl());
        map.put("environment", m.environment());
        map.put("arn", m.arn());
        map.put("created", m.created().toString());
        list.add(map);
      }
      Output.json(out(), list);
      return ExitCodes.OK;
    }
    if (models.isEmpty()) {
      out().println("no models (register the bundled ones with `workbench demo` or `workbench register-model`)");
      out().flush();
      return ExitCodes.OK;
    }
    List<List<String>> rows = new ArrayList<>();
    for (ModelDescription m : models) {
      rows.add(List.of(m.name(), m.image(), Objects.requireNonNullElse(m.modelDataUrl(), "-"), m.created().toString()));
    }
    Output.table(out(), List.of("NAME", "IMAGE", "MODEL DATA", "CREATED"), rows);
    return ExitCodes.OK;
  }
}
