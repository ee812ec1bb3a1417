package dev.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** {@code workbench purge} from the command line, against a local cloud. */
class PurgeCliTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @TempDir
  Path dir;

  @Test
  void purgeAllAsksFirstAndReportsObjectsAndBytes() {
    Cli cli = new Cli(local.cloud().endpoint(), dir.resolve("client"));
    String prefix = "endpoints/queued/async-input/";
    try (Cloud cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(dir.resolve("client")))) {
      String b = cloud.bucket();
      cloud.s3().putObject(p -> p.bucket(b).key(prefix + "1.csv"), RequestBody.fromString("id\n1\n"));
      cloud.s3().putObject(p -> p.bucket(b).key(prefix + "2.csv"), RequestBody.fromString("id\n"));

      Cli.Result abandoned = cli.run("purge", "queued");
      assertEquals(0, abandoned.exit(), abandoned.err());
      assertTrue(abandoned.out().contains("deleted 0 objects, 0 bytes under s3://" + b + "/" + prefix), abandoned.out());

      // Tests run without a terminal: --all without --yes must refuse, not delete.
      Cli.Result refused = cli.run("purge", "queued", "--all");
      assertEquals(ExitCodes.ERROR, refused.exit());
      assertTrue(refused.err().contains("2 objects") && refused.err().contains("--yes"), refused.err());
      assertEquals(2, cloud.s3().listObjectsV2(r -> r.bucket(b).prefix(prefix)).keyCount());

      Cli.Result purged = cli.run("purge", "queued", "--all", "--yes");
      assertEquals(0, purged.exit(), purged.err());
      assertTrue(purged.out().contains("queued: deleted 2 objects, 8 bytes"), purged.out());
      assertEquals(0, cloud.s3().listObjectsV2(r -> r.bucket(b).prefix(prefix)).keyCount());
    }
    Cli.Result help = Cli.raw("--help");
    assertTrue(help.out().contains("purge"), help.out());
    Cli.Result h = Cli.raw("purge", "--help");
    assertTrue(h.out().contains("--all") && h.out().contains("--yes") && h.out().contains("Examples:"), h.out());
  }
}
