package dev.workbench.cli;

import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointUpdate;
import dev.workbench.dsl.Workbench;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench update NAME ...}: changes a live endpoint in place and waits until it is InService again. */
@Command(name = "update", mixinStandardHelpOptions = true,
    header = "Change a live endpoint in place (instances, type, scaling, data capture, model).",
    description = "Change a live endpoint in place: a new endpoint config and UpdateEndpoint, with progress until it is "
        + "InService again. The endpoint keeps serving on its old instances meanwhile; if the new ones fail, "
        + "SageMaker rolls back to the old config (exit 1 with the reason). Autoscaling and Workbench's meta "
        + "tags follow the change; options not given keep their value.",
    footerHeading = "%nExamples:%n",
    footer = {"  workbench update smiles-descriptors --instance-type ml.m5.xlarge --instances 2",
        "  workbench update smiles-descriptors --min 1 --max 4 --target-invocations 200",
        "  workbench update smiles-to-3d --max 4 --idle-minutes 15",
        "  workbench update smiles-descriptors --capture on --capture-percent 20",
        "  workbench update smiles-descriptors --capture off"})
final class UpdateCommand extends ConnectedCommand {
  @Mixin RealtimeFlags realtime = new RealtimeFlags();
  @Parameters(paramLabel = "NAME", description = "Endpoint name.") String name;
  @Option(names = "--instance-type", paramLabel = "TYPE", description = "New instance type (ml.*).") @Nullable String instance;
  @Option(names = "--instances", paramLabel = "N", description = "Instance count of the new fleet (>= 1).") @Nullable Integer instances;
  @Option(names = "--min", paramLabel = "N", description = "Autoscaling minimum (sync: >= 1; async: 0 scales to zero).") @Nullable Integer min;
  @Option(names = "--max", paramLabel = "N", description = "Autoscaling maximum (>= --min).") @Nullable Integer max;
  @Option(names = "--idle-minutes", paramLabel = "M", description = "Async: scale to zero after M idle minutes.") @Nullable Integer idleMinutes;
  @Option(names = "--capture", paramLabel = "on|off", description = "Data capture on or off.") @Nullable String capture;
  @Option(names = "--capture-percent", paramLabel = "P", description = "Data capture sampling percent, 1..100 (turns capture on).") @Nullable Integer capturePercent;
  @Option(names = "--model", paramLabel = "MODEL", description = "Serve another registered model.") @Nullable String model;

  @Override
  void before() {
    if (capture != null && !capture.equals("on") && !capture.equals("off")) {
      throw new CliException("--capture takes on or off, not '" + capture + "'");
    }
    if ("off".equals(capture) && capturePercent != null) {
      throw new CliException("--capture-percent applies when capture is on; drop it with --capture off");
    }
    realtime.check();
  }

  @Override
  int run(Workbench wb) {
    EndpointUpdate update = EndpointUpdate.of(u -> {
      if (instance != null) u.instance(instance);
      if (instances != null) u.instances(instances);
      if (min != null) u.minInstances(min);
      if (max != null) u.maxInstances(max);
      if (idleMinutes != null) u.idleMinutes(idleMinutes);
      if (capture != null) u.dataCapture(capture.equals("on"));
      if (capturePercent != null) u.captureSamplePercent(capturePercent);
      if (model != null) u.model(model);
      var scaling = realtime.scaling();
      if (scaling != null) u.autoscaling(scaling);
      u.onProgress(DeployProgressLine.to(err()));
    });
    if (update.isEmpty()) {
      throw new CliException("nothing to update: give --instance-type, --instances, --min, --max, --idle-minutes, "
          + "--capture, --capture-percent, --model or a scaling target (see workbench update --help)");
    }
    EndpointDescription d = wb.endpoint(name).update(update);
    out().printf("updated %s (%s) %s, %s%s%n", d.name(), d.kind(), d.status(),
        d.serverless() != null ? d.capacity() : "instances " + d.capacity(),
        d.instanceType() == null ? "" : " on " + d.instanceType());
    out().flush();
    return ExitCodes.OK;
  }
}
