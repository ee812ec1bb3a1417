package dev.workbench.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.CloudSettings;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AWS profile is honoured as the AWS CLI honours it: its credentials, its region and its endpoint_url (the
 * usual way to point every AWS tool at an emulator), here a local cloud.
 */
class ProfileConnectionTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @TempDir
  Path dir;
  private String configBefore;
  private String credentialsBefore;

  @BeforeEach
  void profileFiles() throws Exception {
    Path config = dir.resolve("config");
    Files.writeString(config, "[profile wb-local]\nregion = eu-west-1\nendpoint_url = " + local.cloud().endpoint()
        + "\n\n[profile wb-wrong-secret]\nregion = eu-west-1\nendpoint_url = " + local.cloud().endpoint() + "\n");
    Path credentials = dir.resolve("credentials");
    Files.writeString(credentials, "[wb-local]\naws_access_key_id = test\naws_secret_access_key = test\n\n"
        + "[wb-wrong-secret]\naws_access_key_id = test\naws_secret_access_key = not-the-secret\n");
    configBefore = System.setProperty("aws.configFile", config.toString());
    credentialsBefore = System.setProperty("aws.sharedCredentialsFile", credentials.toString());
  }

  @AfterEach
  void restore() {
    restore("aws.configFile", configBefore);
    restore("aws.sharedCredentialsFile", credentialsBefore);
  }

  private static void restore(String key, String before) {
    if (before == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, before);
    }
  }

  @Test
  void aProfileWithAnEndpointUrlReachesThatEndpointWithItsCredentialsAndRegion() {
    try (Cloud setup = Cloud.at(local.cloud().endpoint(), s -> s.region("eu-west-1").dataDir(dir.resolve("a")))) {
      setup.registerModel("profile-model", r -> r.image("local/latency"));
    }
    try (Cloud cloud = Cloud.connect(s -> s.profile("wb-local").dataDir(dir.resolve("b")))) {
      assertEquals("eu-west-1", cloud.region());
      assertTrue(cloud.models().stream().anyMatch(m -> m.name().equals("profile-model")),
          () -> "models seen through the profile: " + cloud.models());
    }
  }

  @Test
  void theProfilesCredentialsAreTheOnesSigned() {
    try (Cloud cloud = Cloud.connect(s -> s.profile("wb-wrong-secret").dataDir(dir.resolve("c")))) {
      RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, cloud::models);
      assertTrue(String.valueOf(e.getMessage()).contains("SignatureDoesNotMatch")
          || String.valueOf(e.getMessage()).contains("signature"), e::getMessage);
    }
  }

  @Test
  void environmentCredentialsNeedBothParts() {
    CloudSettings both = CloudSettings.of(b -> b.endpointUrl("http://127.0.0.1:1")
        .environmentCredentials(Map.of("AWS_ACCESS_KEY_ID", "AKIDENV", "AWS_SECRET_ACCESS_KEY", "env-secret")::get));
    assertEquals("AKIDENV", both.accessKeyId());
    assertEquals("env-secret", both.secretAccessKey());
    CloudSettings keyOnly = CloudSettings.of(b -> b.endpointUrl("http://127.0.0.1:1")
        .environmentCredentials(Map.of("AWS_ACCESS_KEY_ID", "AKIDENV")::get));
    assertEquals("test", keyOnly.accessKeyId(), "the endpoint URL's default stays");
    CloudSettings none = CloudSettings.of(b -> b.profile("p").environmentCredentials(Map.<String, String>of()::get));
    assertNull(none.accessKeyId());
  }
}
