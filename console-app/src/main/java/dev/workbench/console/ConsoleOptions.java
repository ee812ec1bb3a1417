package dev.workbench.console;

import dev.workbench.console.service.ConnectionRequest;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Command-line options: {@code --local} (default without AWS credentials), {@code --endpoint-url URL},
 * {@code --profile P}, {@code --region R}, {@code --fast} (short local-cloud timing), {@code --data-dir D},
 * {@code --screenshots DIR}.
 */
public record ConsoleOptions(ConnectionRequest.@Nullable Kind kind, @Nullable String endpointUrl, @Nullable String profile,
    @Nullable String region, boolean fast, @Nullable Path dataDir, @Nullable Path screenshots) {

  public static final String USAGE = """
      Usage: workbench console [--local | --endpoint-url URL | --profile P [--region R]] [--fast] [--data-dir D]
                               [--screenshots DIR]
      The desktop console: endpoints, deploy, CSV inference, in-flight S3 jobs, metrics and data capture.
        --local             the embedded local cloud (the default when no AWS credentials are configured)
        --endpoint-url URL  an AWS-compatible endpoint such as `workbench local` (credentials from
                            AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY when set)
        --profile P         an AWS profile, as the AWS CLI reads it (credentials, region, endpoint_url)
        --region R          the AWS region
        --fast              the embedded cloud's short timing: instances start in about a second
        --data-dir D        journal, cache and embedded local-cloud data (default ~/.workbench)
        --screenshots DIR   drive a tour on a fresh embedded cloud, write the README's PNGs to DIR, exit
      Examples:
        workbench console
        workbench console --endpoint-url http://127.0.0.1:4566
        workbench console --profile ml-dev --region eu-west-1
      """;

  public static ConsoleOptions parse(List<String> args) {
    ConnectionRequest.Kind kind = null;
    String url = null;
    String profile = null;
    String region = null;
    boolean fast = false;
    Path dataDir = null;
    Path shots = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--local" -> kind = ConnectionRequest.Kind.LOCAL;
        case "--endpoint-url" -> { kind = ConnectionRequest.Kind.URL; url = value(args, ++i, a); }
        case "--profile" -> { kind = ConnectionRequest.Kind.AWS; profile = value(args, ++i, a); }
        case "--region" -> region = value(args, ++i, a);
        case "--fast" -> fast = true;
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
        case "--screenshots" -> { shots = Path.of(value(args, ++i, a)); fast = true; kind = ConnectionRequest.Kind.LOCAL; }
        default -> throw new IllegalArgumentException("unknown option " + a
            + " (use --local, --endpoint-url URL, --profile P, --region R, --fast, --data-dir D, --screenshots DIR)");
      }
    }
    if (shots != null && dataDir == null) {
      // a screenshot run deploys endpoints of its own: on a fresh local cloud, never in the user's
      dataDir = Path.of(System.getProperty("java.io.tmpdir"), "workbench-screenshots-" + ProcessHandle.current().pid());
    }
    return new ConsoleOptions(kind, url, profile, region, fast, dataDir, shots);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }
}
