package dev.workbench.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.CloudSettings;
import dev.workbench.api.WorkbenchException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class CloudSettingsTest {

  @Test
  void anEndpointUrlDefaultsToTestCredentialsAndUsEast1() {
    CloudSettings s = CloudSettings.of(b -> b.endpointUrl(URI.create("http://127.0.0.1:4566")));
    assertEquals("us-east-1", s.region());
    assertEquals("test", s.accessKeyId());
    assertEquals("test", s.secretAccessKey());
  }

  @Test
  void givenCredentialsAndRegionAreKept() {
    CloudSettings s = CloudSettings.of(b -> b.endpointUrl("http://localhost:1").region("eu-west-1")
        .credentials("AKIDEXAMPLE", "very-secret-value"));
    assertEquals("eu-west-1", s.region());
    assertEquals("AKIDEXAMPLE", s.accessKeyId());
    assertFalse(s.toString().contains("very-secret-value"), s.toString());
    assertTrue(s.toString().contains("****"));
  }

  @Test
  void withoutAnEndpointUrlNothingIsInvented() {
    CloudSettings s = CloudSettings.of(b -> b.profile("p"));
    assertEquals(CloudSettings.RESOLVE_REGION, s.region(), "resolved from the AWS chain when connecting");
    assertEquals(null, s.accessKeyId());
  }

  @Test
  void missingAwsCredentialsSayWhatToDo() {
    WorkbenchException e = assertThrows(WorkbenchException.class,
        () -> Cloud.connect(b -> b.profile("workbench-no-such-profile-7f3a").region("us-east-1")));
    assertTrue(e.getMessage().contains("--local") && e.getMessage().contains("--endpoint-url"), e.getMessage());
    assertTrue(e.getMessage().contains("workbench-no-such-profile-7f3a"), e.getMessage());
  }

  @Test
  void clientsAreBuiltForAnEndpointUrl() {
    try (AwsClients clients = new AwsClients(CloudSettings.of(b -> b.endpointUrl("http://127.0.0.1:9")))) {
      assertEquals("us-east-1", clients.region().id());
      assertEquals(URI.create("http://127.0.0.1:9"), clients.settings().endpointUrl());
    }
  }

  @Test
  void bucketNameIsStable() {
    assertEquals("workbench-123456789012-eu-west-1", Buckets.defaultName("123456789012", "eu-west-1"));
    assertEquals("workbench-artifacts-us-east-1", Buckets.defaultName(null, "us-east-1"));
  }
}
