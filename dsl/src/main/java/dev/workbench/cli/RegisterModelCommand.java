package dev.workbench.cli;

import dev.workbench.api.Frame;
import dev.workbench.api.Model;
import dev.workbench.dsl.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench register-model NAME --image I}: registers a SageMaker model. */
@Command(name = "register-model", mixinStandardHelpOptions = true, description = "Register a SageMaker model.",
    footerHeading = "%nExamples:%n",
    footer = {"  workbench register-model slow --image local/latency --env LATENCY_MS_PER_ROW=50 --local",
        "  workbench register-model mine --image 123.dkr.ecr.us-east-1.amazonaws.com/mine:1 --model-data s3://b/model.tar.gz",
        "  workbench register-model descriptors --image local/smiles-descriptors --sample examples/molecules.csv"})
final class RegisterModelCommand extends ConnectedCommand {
  @Parameters(paramLabel = "NAME", description = "Model name.") String name;
  @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "Container image (local cloud: local/<model>).") String image;
  @Option(names = "--model-data", paramLabel = "S3URI", description = "Model artifacts (.tar.gz) in S3.") @Nullable String modelData;
  @Option(names = "--env", paramLabel = "K=V", description = "Container environment (repeatable).") Map<String, String> env = new LinkedHashMap<>();

  @Option(names = "--sample", paramLabel = "CSV", description = "Sample input rows kept with the model (for `workbench test`).")
  @Nullable Path sample;

  @Override
  void before() {
    if (sample != null && !Files.isRegularFile(sample)) {
      throw new CliException("--sample " + sample + ": no such file");
    }
  }

  @Override
  int run(Workbench wb) {
    Frame rows = sample == null ? null : wb.csv(sample);
    Model model = wb.registerModel(name, r -> r.image(image).modelDataUrl(modelData).environment(env));
    if (rows != null) {
      model.sample(rows);
    }
    out().println("registered model " + name + " (image " + image + ")"
        + (rows == null ? "" : ", sample of " + rows.rowCount() + " rows"));
    out().flush();
    return ExitCodes.OK;
  }
}
