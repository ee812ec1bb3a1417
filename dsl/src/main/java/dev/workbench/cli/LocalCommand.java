package dev.workbench.cli;

import dev.workbench.dsl.EmbeddedCloud;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code workbench local}: runs the local cloud as a server until Ctrl-C. */
@Command(name = "local", mixinStandardHelpOptions = true,
    description = "Run the local cloud (SageMaker, S3, CloudWatch, Auto Scaling on one port) until Ctrl-C.",
    footerHeading = "%nExamples:%n",
    footer = {"  workbench local --port 4566", "  WORKBENCH_ENDPOINT_URL=http://127.0.0.1:4566 workbench endpoints"})
final class LocalCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "N", description = "Port (default: a free one).") int port;
  @Option(names = "--data-dir", paramLabel = "DIR", description = "State directory (default ~/.workbench/local).")
  @Nullable Path dataDir;

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port)));
    if (dataDir != null) {
      args.add("--data-dir");
      args.add(dataDir.toString());
    }
    EmbeddedCloud.serve(args.toArray(String[]::new));
    return ExitCodes.OK;
  }
}
