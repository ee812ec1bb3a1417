package dev.workbench.cli;

import dev.workbench.api.CloudSettings;
import dev.workbench.dsl.EmbeddedCloud;
import dev.workbench.dsl.Pace;
import dev.workbench.dsl.Workbench;
import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The connection flags every command takes (a picocli mixin). Without any, the AWS default chain is used.
 *
 * <pre>{@code
 * workbench endpoints --local
 * workbench endpoints --endpoint-url http://127.0.0.1:4566
 * workbench endpoints --profile ml-dev --region us-west-2
 * }</pre>
 */
public final class ConnectionOptions {

  @Option(names = "--local", description = "Start the embedded local cloud in this process (data in --data-dir or ~/.workbench/local).")
  boolean local;

  @Option(names = "--endpoint-url", paramLabel = "URL", defaultValue = "${env:WORKBENCH_ENDPOINT_URL}",
      description = "An AWS-compatible endpoint such as a running `workbench local` (env WORKBENCH_ENDPOINT_URL).")
  @Nullable String endpointUrl;

  @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile (as the AWS CLI).")
  @Nullable String profile;

  @Option(names = "--region", paramLabel = "REGION", description = "AWS region.")
  @Nullable String region;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data directory: journal and cache (with --local: the local cloud's data too).")
  @Nullable Path dataDir;

  @Option(names = "--local-pace", hidden = true, defaultValue = "AWS_LIKE",
      description = "Clock of the embedded local cloud: ${COMPLETION-CANDIDATES}.")
  Pace pace = Pace.AWS_LIKE;

  @Option(names = "--debug", description = "Show stack traces of errors.")
  boolean debug;

  /** Opens the connection the flags describe. */
  public Workbench open() {
    if (local) {
      Path dir = dataDir != null ? dataDir : EmbeddedCloud.defaultDataDir();
      return Workbench.local(dir, pace);
    }
    String url = endpointUrl;
    if (url != null && !url.isBlank()) {
      URI uri = URI.create(url.trim());
      return Workbench.at(uri, s -> configure(s.environmentCredentials()));
    }
    return Workbench.connect(s -> configure(s));
  }

  private void configure(CloudSettings.Builder s) {
    if (profile != null) {
      s.profile(profile);
    }
    if (region != null) {
      s.region(region);
    }
    if (dataDir != null) {
      s.dataDir(dataDir);
    }
  }

  /** The flags in a form the same CLI parses again (used to hand the connection to JShell); no secrets in it. */
  String[] asArguments() {
    java.util.List<String> args = new java.util.ArrayList<>();
    if (local) {
      args.add("--local");
      args.add("--local-pace=" + pace);
    }
    if (endpointUrl != null && !endpointUrl.isBlank()) {
      args.add("--endpoint-url=" + endpointUrl);
    }
    if (profile != null) {
      args.add("--profile=" + profile);
    }
    if (region != null) {
      args.add("--region=" + region);
    }
    if (dataDir != null) {
      args.add("--data-dir=" + dataDir);
    }
    return args.toArray(String[]::new);
  }
}
