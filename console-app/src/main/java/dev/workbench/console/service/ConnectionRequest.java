package dev.workbench.console.service;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where the console connects: the embedded local cloud, an AWS-compatible endpoint URL, or AWS itself with a
 * profile and region (null = the AWS CLI's resolution).
 *
 * @param fastTiming for the embedded cloud: instances start in about a second (tests, screenshots, demos)
 * @param dataDir    journal, cache and (embedded) local-cloud state; null = the defaults under ~/.workbench
 */
public record ConnectionRequest(Kind kind, @Nullable String endpointUrl, @Nullable String profile,
    @Nullable String region, boolean fastTiming, @Nullable Path dataDir) {

  public enum Kind { LOCAL, URL, AWS }

  public static ConnectionRequest local(boolean fastTiming, @Nullable Path dataDir) {
    return new ConnectionRequest(Kind.LOCAL, null, null, null, fastTiming, dataDir);
  }

  public static ConnectionRequest url(String endpointUrl) {
    return new ConnectionRequest(Kind.URL, endpointUrl, null, null, false, null);
  }

  public static ConnectionRequest aws(@Nullable String profile, @Nullable String region) {
    return new ConnectionRequest(Kind.AWS, null, profile, region, false, null);
  }
}
