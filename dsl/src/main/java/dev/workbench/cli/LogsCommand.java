package dev.workbench.cli;

import dev.workbench.api.Endpoint;
import dev.workbench.api.LogEvent;
import dev.workbench.api.LogFollow;
import dev.workbench.dsl.Workbench;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench logs NAME}: the endpoint's container log lines from CloudWatch Logs, as {@code aws logs tail}
 * prints them (time, stream, message); {@code --follow} keeps printing new ones until Ctrl-C.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
    header = "Show an endpoint's container logs (CloudWatch Logs, one stream per instance).",
    description = "Show an endpoint's container logs (CloudWatch Logs group /aws/sagemaker/Endpoints/NAME, one stream "
        + "per instance): what the model printed and why invocations failed.",
    footerHeading = "%nExamples:%n",
    footer = {"  workbench logs smiles-to-3d --since 15m --local", "  workbench logs my-ep --filter ERROR --follow",
        "  workbench logs my-ep --filter '?ERROR ?WARN' --since 2d",
        "Filters are CloudWatch Logs patterns: terms (all must appear), \"a phrase\", ?either ?or, -not, %regex%."})
final class LogsCommand extends ConnectedCommand {
  @Parameters(paramLabel = "NAME", description = "Endpoint name.") String name;
  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "1h", converter = Durations.class,
      description = "How far back (90s, 15m, 1h, 2d; default ${DEFAULT-VALUE}).") Duration since;
  @Option(names = {"-f", "--follow"}, description = "Keep printing new lines as they are written (Ctrl-C stops).")
  boolean follow;
  @Option(names = "--filter", paramLabel = "PATTERN", description = "Only lines matching this filter pattern.")
  @Nullable String filter;

  @Override
  int run(Workbench wb) {
    Endpoint ep = wb.endpoint(name);
    ep.describe(); // a missing endpoint is an error, not an empty log
    PrintWriter out = out();
    if (!follow) {
      for (LogEvent e : ep.logs(since, filter)) {
        print(out, e);
      }
      out.flush();
      return ExitCodes.OK;
    }
    CountDownLatch never = new CountDownLatch(1);
    try (LogFollow f = ep.followLogs(since, filter, e -> {
      synchronized (out) {
        print(out, e);
        out.flush();
      }
    })) {
      never.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void print(PrintWriter out, LogEvent e) {
    out.println(e.time() + " " + e.stream() + " " + e.message());
  }
}
