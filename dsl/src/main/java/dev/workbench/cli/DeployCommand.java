package dev.workbench.cli;

import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointDescription;
import dev.workbench.dsl.Workbench;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench deploy MODEL}: creates (or updates) an endpoint for a registered model and waits for InService. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
    header = "Deploy a registered model: sync (optionally autoscaled), async (scale to zero) or serverless.",
    description = "Deploy a registered model to an endpoint (sync by default; --async for scale to zero; --serverless "
        + "for on-demand compute sized by --memory and --max-concurrency; a sync endpoint autoscales between "
        + "--min-instances and --max-instances with --target-invocations or --target-cpu).",
    footerHeading = "%nExamples:%n",
    footer = {"  workbench deploy smiles-descriptors --local",
        "  workbench deploy smiles-to-3d --async --max-instances 2 --idle-minutes 5 --name shapes",
        "  workbench deploy my-model --serverless --memory 2048 --max-concurrency 2",
        "  workbench deploy smiles-descriptors --min-instances 1 --max-instances 4 --target-invocations 200",
        "  workbench deploy smiles-descriptors --min-instances 2 --max-instances 6 --target-cpu 70 --scale-in-cooldown 600",
        "  workbench deploy my-model --instance ml.m5.xlarge --tag team=chem --tag nightly"})
final class DeployCommand extends ConnectedCommand {
  @Mixin RealtimeFlags realtime = new RealtimeFlags();
  @Parameters(paramLabel = "MODEL", description = "Registered SageMaker model name.") String model;
  @Option(names = "--async", description = "Deploy as an async endpoint that scales to zero.") boolean async;
  @Option(names = "--instance", paramLabel = "TYPE", description = "Instance type.") @Nullable String instance;
  @Option(names = "--max-instances", paramLabel = "N", description = "Autoscaling maximum.") @Nullable Integer maxInstances;
  @Option(names = "--min-instances", paramLabel = "N", description = "Autoscaling minimum (async default 0; sync >= 1).") @Nullable Integer minInstances;
  @Option(names = "--idle-minutes", paramLabel = "M", description = "Async: scale to zero after M idle minutes.") @Nullable Integer idleMinutes;
  @Option(names = "--max-concurrent", paramLabel = "N", description = "Async: concurrent invocations per instance.") @Nullable Integer maxConcurrent;
  @Option(names = "--serverless", description = "Deploy as a serverless endpoint (default 2048 MB, 2 concurrent).") boolean serverless;
  @Option(names = "--memory", paramLabel = "MB", description = "Serverless: memory, 1024..6144 in steps of 1024.") @Nullable Integer memoryMb;
  @Option(names = "--max-concurrency", paramLabel = "N", description = "Serverless: concurrent invocations, 1..200.") @Nullable Integer maxConcurrency;
  @Option(names = "--provisioned-concurrency", paramLabel = "N", description = "Serverless: invocations kept warm, 1..max-concurrency.") @Nullable Integer provisioned;
  @Option(names = "--tag", paramLabel = "TAG", description = "Workbench tag (repeatable).") List<String> tags = new ArrayList<>();
  @Option(names = "--name", paramLabel = "EP", description = "Endpoint name (default: the model's).") @Nullable String endpointName;
  @Option(names = "--data-capture", description = "Capture requests and responses to S3 (JSON Lines).") boolean dataCapture;
  @Option(names = "--kms-key-id", paramLabel = "KEY", description = "Async: KMS key for the S3 output objects.") @Nullable String kmsKeyId;

  @Override
  void before() {
    realtime.check();
  }

  @Override
  int run(Workbench wb) {
    if (!wb.model(model).exists()) {
      throw new CliException("no model named '" + model + "' (see `workbench models`; register one with `workbench register-model`)");
    }
    Endpoint ep = wb.deploy(model, d -> {
      d.async(async).endpointName(endpointName).tags(tags)
          .onProgress(DeployProgressLine.to(err()));
      if (instance != null) d.instance(instance);
      if (maxInstances != null) d.maxInstances(maxInstances);
      if (minInstances != null) d.minInstances(minInstances);
      d.autoscaling(realtime.scaling());
      if (idleMinutes != null) d.idleMinutes(idleMinutes);
      if (maxConcurrent != null) d.maxConcurrent(maxConcurrent);
      d.dataCapture(dataCapture).kmsKeyId(kmsKeyId);
      if (serverless) d.serverless(true);
      if (memoryMb != null) d.memoryMb(memoryMb);
      if (maxConcurrency != null) d.maxConcurrency(maxConcurrency);
      if (provisioned != null) d.provisionedConcurrency(provisioned);
    });
    EndpointDescription desc = ep.describe();
    out().printf("deployed %s (%s) %s, %s%n", desc.name(), desc.kind(), desc.status(),
        desc.serverless() != null ? desc.capacity() : "instances " + desc.capacity());
    out().flush();
    return ExitCodes.OK;
  }
}
