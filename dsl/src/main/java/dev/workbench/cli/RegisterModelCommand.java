package dev.workbench.cli;

import dev.workbench.api.Frame;
import dev.workbench.api.Model;
import dev.workbench.api.ModelMeta;
import dev.workbench.api.ModelType;
import dev.workbench.dsl.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        "  workbench register-model descriptors --image local/smiles-descriptors --sample examples/molecules.csv",
        "  workbench register-model sol --image local/esol-solubility --target log_solubility --model-type regressor",
        "  workbench register-model tox --image my/image:1 --target toxic --model-type classifier --class-label no --class-label yes"})
final class RegisterModelCommand extends ConnectedCommand {
  @Parameters(paramLabel = "NAME", description = "Model name.") String name;
  @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "Container image (local cloud: local/<model>).") String image;
  @Option(names = "--model-data", paramLabel = "S3URI", description = "Model artifacts (.tar.gz) in S3.") @Nullable String modelData;
  @Option(names = "--env", paramLabel = "K=V", description = "Container environment (repeatable).") Map<String, String> env = new LinkedHashMap<>();
  @Option(names = "--target", paramLabel = "COL", description = "Target column the model predicts (repeatable: a multi-target model). Stored as Workbench's "
        + "workbench_model_target; `infer --capture` scores the predictions against it.")
  List<String> targets = new ArrayList<>();
  @Option(names = "--model-type", paramLabel = "TYPE", description = "regressor or classifier (Workbench's workbench_model_type; also uq_regressor, ...).")
  @Nullable String modelType;
  @Option(names = "--class-label", paramLabel = "LABEL", description = "A classifier's class label, in order (repeatable).")
  List<String> classLabels = new ArrayList<>();
  @Option(names = "--feature", paramLabel = "COL", description = "A column the model reads (repeatable).")
  List<String> features = new ArrayList<>();

  @Option(names = "--sample", paramLabel = "CSV", description = "Sample input rows kept with the model (for `workbench test`).")
  @Nullable Path sample;

  @Override
  void before() {
    if (sample != null && !Files.isRegularFile(sample)) {
      throw new CliException("--sample " + sample + ": no such file");
    }
    if (modelType != null && ModelType.of(modelType) == ModelType.UNKNOWN) {
      throw new CliException("--model-type must be one of regressor, classifier, uq_regressor, ensemble_regressor, "
          + "quantile_regressor, clusterer, proximity, projection, transformer; got '" + modelType + "'");
    }
    if (!classLabels.isEmpty() && ModelType.of(modelType) != ModelType.CLASSIFIER) {
      throw new CliException("--class-label is for classifiers: add --model-type classifier");
    }
  }

  @Override
  int run(Workbench wb) {
    Frame rows = sample == null ? null : wb.csv(sample);
    ModelMeta meta = new ModelMeta(targets, ModelType.of(modelType), classLabels, features, List.of());
    Model model = wb.registerModel(name, r -> r.image(image).modelDataUrl(modelData).environment(env).meta(meta));
    if (rows != null) {
      model.sample(rows);
    }
    out().println("registered model " + name + " (image " + image + ")"
        + (rows == null ? "" : ", sample of " + rows.rowCount() + " rows"));
    out().flush();
    return ExitCodes.OK;
  }
}
