package dev.workbench.console.service;

import dev.workbench.api.Cloud;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Opens and holds the current connection; a new connection closes the previous one. */
public final class ConnectionService implements AutoCloseable {
  private volatile @Nullable CloudSession current;

  /** Connects (blocking: call it from a background task) and registers the demo models on the local cloud. */
  public synchronized CloudSession connect(ConnectionRequest request) {
    CloudSession session = switch (request.kind()) {
      case LOCAL -> local(request);
      case URL -> {
        String url = request.endpointUrl();
        if (url == null || url.isBlank()) {
          throw new IllegalArgumentException("enter an endpoint URL, e.g. http://127.0.0.1:4566");
        }
        Cloud cloud = Cloud.at(java.net.URI.create(url.trim()), s -> s.dataDir(request.dataDir()));
        yield new CloudSession(cloud, null, "endpoint URL " + url.trim());
      }
      case AWS -> {
        Cloud cloud = Cloud.connect(s -> s.profile(blankToNull(request.profile()))
            .region(blankToNull(request.region())).dataDir(request.dataDir()));
        String profile = blankToNull(request.profile());
        yield new CloudSession(cloud, null, "AWS profile " + (profile == null ? "default" : profile)
            + ", region " + cloud.region());
      }
    };
    CloudSession previous = current;
    current = session;
    if (previous != null) {
      previous.close();
    }
    return session;
  }

  private static CloudSession local(ConnectionRequest request) {
    EmbeddedCloud local = EmbeddedCloud.start(request.fastTiming(), request.dataDir());
    try {
      Cloud cloud = Cloud.at(local.endpoint(), s -> s.dataDir(request.dataDir()));
      DemoModels.register(cloud);
      return new CloudSession(cloud, local, "embedded local cloud at " + local.endpoint());
    } catch (RuntimeException e) {
      local.close();
      throw e;
    }
  }

  /** The open connection; throws when there is none yet, with a message the user can act on. */
  public CloudSession current() {
    CloudSession session = current;
    if (session == null) {
      throw new IllegalStateException("not connected: choose a connection and press Connect");
    }
    return session;
  }

  public boolean isConnected() {
    return current != null;
  }

  /** True when AWS credentials are configured the usual ways (environment, profile, ~/.aws files). */
  public static boolean awsCredentialsConfigured() {
    if (notBlank(System.getenv("AWS_ACCESS_KEY_ID")) || notBlank(System.getenv("AWS_PROFILE"))) {
      return true;
    }
    Path aws = Path.of(System.getProperty("user.home"), ".aws");
    return Files.exists(aws.resolve("credentials")) || Files.exists(aws.resolve("config"));
  }

  private static boolean notBlank(@Nullable String s) {
    return s != null && !s.isBlank();
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Override
  public synchronized void close() {
    CloudSession session = current;
    current = null;
    if (session != null) {
      session.close();
    }
  }
}
