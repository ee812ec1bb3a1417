package dev.workbench.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointNotReadyException;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceJob;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * The same caller code on sync and async endpoints; async routing by the Workbench tag and by the endpoint's
 * AsyncInferenceConfig alone (an endpoint created outside Workbench, without tags).
 */
class RoutingTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @TempDir
  static Path data;

  static Cloud cloud;

  static final Frame MOLECULES = Frame.builder("smiles", "name").row("CCO", "ethanol").row("c1ccccc1", "benzene")
      .row("C(=O)O", "formic acid").row("nonsense", "bad").row("CC(=O)OC1=CC=CC=C1C(=O)O", "aspirin").build();

  @BeforeAll
  static void connect() {
    cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data));
  }

  @AfterAll
  static void close() {
    cloud.close();
  }

  @Test
  void syncAndTaggedAsyncEndpointsAnswerTheSameCall() {
    Endpoint sync = cloud.registerModel("route-sync", r -> r.image("local/smiles-descriptors")).toEndpoint();
    Endpoint async = cloud.registerModel("route-async", r -> r.image("local/smiles-descriptors"))
        .toEndpoint(d -> d.async(true));

    assertFalse(sync.isAsync());
    assertTrue(async.isAsync());
    assertEquals(Boolean.TRUE, async.meta().asyncEndpointTag());

    Frame fromSync = sync.inference(MOLECULES);
    Frame fromAsync = async.inference(MOLECULES);
    assertEquals(fromSync.toCsv(), fromAsync.toCsv(), "both routes give the same table");
    assertEquals(5, fromAsync.rowCount());
    assertEquals(List.of("ethanol", "benzene", "formic acid", "bad", "aspirin"), fromAsync.column("name"));
    assertEquals(180.16, fromAsync.getDouble(4, "mw"), 0.05);
    assertEquals(1, fromAsync.errorCount());

    InferenceJob job = async.submit(MOLECULES);
    assertTrue(job.isAsync());
    assertEquals(5, job.join().rowCount());
    InferenceJob syncJob = sync.submit(MOLECULES);
    assertFalse(syncJob.isAsync());
    assertEquals(5, syncJob.join().rowCount());
    sync.delete();
    async.delete();
  }

  @Test
  void asyncConfigWithoutTagsRoutesAsync() throws Exception {
    SageMakerClient sm = cloud.sageMaker();
    sm.createModel(b -> b.modelName("untagged").primaryContainer(c -> c.image("local/smiles-descriptors"))
        .executionRoleArn("arn:aws:iam::000000000000:role/test"));
    String out = "s3://" + cloud.bucket() + "/elsewhere/untagged/";
    sm.createEndpointConfig(b -> b.endpointConfigName("untagged-config")
        .productionVariants(ProductionVariant.builder().variantName("main").modelName("untagged")
            .initialInstanceCount(1).instanceType("ml.m5.large").build())
        .asyncInferenceConfig(a -> a.outputConfig(o -> o.s3OutputPath(out + "out/").s3FailurePath(out + "fail/"))));
    sm.createEndpoint(b -> b.endpointName("untagged").endpointConfigName("untagged-config"));
    Endpoint ep = cloud.endpoint("untagged");
    assertThrows(EndpointNotReadyException.class, () -> ep.inference(MOLECULES), "still Creating");
    waitInService(ep);

    assertNull(ep.meta().asyncEndpointTag());
    assertTrue(ep.isAsync());
    EndpointDescription d = ep.describe();
    assertTrue(d.async());
    assertEquals("main", d.variantName());
    assertEquals("ml.m5.large", d.instanceType());
    Frame result = ep.inference(MOLECULES);
    assertEquals(5, result.rowCount());
    assertEquals("C2H6O", result.get(0, "formula"));
    ep.delete();
    assertTrue(sm.listEndpointConfigs(b -> b.nameContains("untagged")).endpointConfigs().isEmpty());
  }

  @Test
  void aScaledToZeroAsyncEndpointStartsAgainForTheSameCall() throws Exception {
    Endpoint ep = cloud.registerModel("sleepy", r -> r.image("local/smiles-descriptors"))
        .toEndpoint(d -> d.async(true).idleMinutes(1));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!ep.describe().scaledToZero()) {
      assertTrue(System.nanoTime() < deadline, "never scaled in: " + ep.describe());
      Thread.sleep(100);
    }
    assertEquals(0, ep.describe().currentInstances());
    java.util.Set<dev.workbench.api.EndpointState> states = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Frame out = ep.inference(MOLECULES, o -> o.onProgress(p -> states.add(p.endpointState())));
    assertEquals(5, out.rowCount());
    assertEquals("C2H6O", out.get(0, "formula"));
    assertTrue(states.contains(dev.workbench.api.EndpointState.SCALED_TO_ZERO)
        || states.contains(dev.workbench.api.EndpointState.WARMING), "the caller saw the cold start: " + states);
    ep.delete();
  }

  @Test
  void theTagWinsOverTheConfig() {
    Endpoint ep = cloud.registerModel("tag-wins", r -> r.image("local/latency")
        .environment("LATENCY_MS_PER_ROW", "0")).toEndpoint();
    String arn = ep.describe().arn();
    cloud.sageMaker().addTags(b -> b.resourceArn(arn).tags(t -> t.key("async_endpoint").value("false")));
    assertFalse(ep.isAsync());
    assertEquals(Boolean.FALSE, ep.meta().asyncEndpointTag());
    ep.delete();
  }

  static void waitInService(Endpoint ep) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!ep.describe().inService()) {
      assertTrue(System.nanoTime() < deadline, "endpoint never InService");
      Thread.sleep(50);
    }
  }
}
