package dev.workbench.dsl;

import dev.workbench.local.LocalCloud;
import dev.workbench.local.LocalCloudConfig;
import dev.workbench.local.LocalCloudMain;
import dev.workbench.local.spi.Timing;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The embedded local cloud running inside this JVM. The only class of the DSL and the command line that touches
 * {@code dev.workbench.local} (an ArchUnit test keeps it so): everything else talks to it through the AWS SDK
 * clients of a {@link dev.workbench.api.Cloud}, as it would to AWS.
 *
 * <pre>{@code
 * try (EmbeddedCloud local = EmbeddedCloud.start(Path.of("/tmp/lc"), Pace.TEST)) {
 *   System.out.println(local.endpoint());
 * }
 * }</pre>
 */
public final class EmbeddedCloud implements AutoCloseable {
  private final LocalCloud cloud;

  private EmbeddedCloud(LocalCloud cloud) {
    this.cloud = cloud;
  }

  /** Starts a local cloud configured by {@code config}. */
  public static EmbeddedCloud start(Consumer<LocalCloudConfig.Builder> config) {
    return new EmbeddedCloud(LocalCloud.start(config));
  }

  /** Starts a local cloud on a free port with its data under {@code dataDir}, its clock at {@code pace}. */
  public static EmbeddedCloud start(Path dataDir, Pace pace) {
    return start(c -> c.port(0).dataDir(dataDir).timing(timing(pace)));
  }

  /** The default data directory of the local cloud, {@code ~/.workbench/local}. */
  public static Path defaultDataDir() {
    return LocalCloudConfig.defaultDataDir();
  }

  /** Runs the local cloud as a server until the JVM is stopped ({@code workbench local}). */
  public static void serve(String[] args) {
    LocalCloudMain.main(args);
  }

  static Timing timing(Pace pace) {
    return switch (pace) {
      case AWS_LIKE -> Timing.defaults();
      case TEST -> Timing.fast();
      // Instances start in 2 s and an idle endpoint scales in after 8 s: the demo shows both within its budget.
      case DEMO -> new Timing(Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofMillis(500),
          Duration.ofSeconds(8), Duration.ofSeconds(30), Duration.ofSeconds(120));
    };
  }

  public URI endpoint() {
    return cloud.endpoint();
  }

  public int port() {
    return cloud.port();
  }

  public Path dataDir() {
    return cloud.config().dataDir();
  }

  public String region() {
    return cloud.config().region();
  }

  String accessKey() {
    return cloud.config().accessKey();
  }

  String secretKey() {
    return cloud.config().secretKey();
  }

  /** Stops the server and its model instances; the state stays on disk under {@link #dataDir()}. */
  @Override
  public void close() {
    cloud.close();
  }

  @Override
  public String toString() {
    return "embedded local cloud at " + endpoint() + " (data " + dataDir() + ")";
  }
}
