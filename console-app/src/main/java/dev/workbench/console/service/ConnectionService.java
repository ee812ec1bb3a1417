package dev.workbench.console.service;

import dev.workbench.dsl.EmbeddedCloud;
import dev.workbench.dsl.Pace;
import dev.workbench.dsl.Workbench;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Opens and holds the current connection; a new connection that answers closes the previous one. */
public final class ConnectionService implements AutoCloseable {
  private final Function<String, @Nullable String> environment;
  private volatile @Nullable CloudSession current;

  /** Reads AWS credentials for endpoint-URL connections from the process environment. */
  public ConnectionService() {
    this(System::getenv);
  }

  /** @param environment where {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} are looked up */
  public ConnectionService(Function<String, @Nullable String> environment) {
    this.environment = environment;
  }

  /** Connects (blocking: call it from a background task) and registers the demo models on the local cloud. */
  public synchronized CloudSession connect(ConnectionRequest request) {
    CloudSession session = switch (request.kind()) {
      case LOCAL -> local(request);
      case URL -> {
        String url = request.endpointUrl();
        if (url == null || url.isBlank()) {
          throw new IllegalArgumentException("enter an endpoint URL, e.g. http://127.0.0.1:4566");
        }
        // as the AWS CLI with --endpoint-url: credentials from the environment when set, else the emulator default
        Workbench wb = Workbench.at(URI.create(url.trim()),
            s -> s.environmentCredentials(environment).dataDir(request.dataDir()));
        yield new CloudSession(wb, "endpoint URL " + url.trim());
      }
      case AWS -> {
        String profile = blankToNull(request.profile());
        Workbench wb = Workbench.connect(s -> s.profile(profile).region(blankToNull(request.region()))
            .dataDir(request.dataDir()));
        yield new CloudSession(wb, "AWS profile " + (profile == null ? "default" : profile)
            + ", region " + wb.cloud().region());
      }
    };
    if (request.kind() != ConnectionRequest.Kind.LOCAL) {
      verify(session);
    }
    CloudSession previous = current;
    current = session;
    if (previous != null) {
      previous.close();
    }
    return session;
  }

  /**
   * One real call before the connection is taken: a wrong URL, a stopped emulator or bad credentials fail here,
   * with the previous connection still in use, instead of in the first refresh after "connected".
   */
  private static void verify(CloudSession session) {
    try {
      session.cloud().endpoints();
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  private static CloudSession local(ConnectionRequest request) {
    Path dataDir = request.dataDir();
    Workbench wb = Workbench.local(dataDir != null ? dataDir.resolve("local") : EmbeddedCloud.defaultDataDir(),
        request.fastTiming() ? Pace.TEST : Pace.AWS_LIKE);
    try {
      wb.registerDemoModels();
      return new CloudSession(wb, "embedded local cloud at " + wb.embeddedEndpoint());
    } catch (RuntimeException e) {
      wb.close();
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
