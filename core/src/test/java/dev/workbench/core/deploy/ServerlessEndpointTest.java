package dev.workbench.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointKind;
import dev.workbench.api.EndpointMetrics;
import dev.workbench.api.Frame;
import dev.workbench.api.Model;
import dev.workbench.api.ServerlessSettings;
import dev.workbench.core.metrics.EndpointLogsTest;
import dev.workbench.local.junit.LocalCloudExtension;
import dev.workbench.local.spi.CloudStats;
import dev.workbench.local.spi.Timing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** Serverless endpoints: deploy, describe, routing, throttling, cold starts and metrics, against local-cloud. */
class ServerlessEndpointTest {
  static final Duration IDLE = Duration.ofMillis(1500);

  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.with(c -> c.timing(Timing.fast().withServerlessIdle(IDLE)));

  @TempDir
  static Path data;

  static Cloud cloud;

  @BeforeAll
  static void connect() {
    cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data));
  }

  @AfterAll
  static void close() {
    cloud.close();
  }

  static Model latencyModel(String name, int msPerRow) {
    return cloud.registerModel(name, r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "" + msPerRow));
  }

  @Test
  void valuesSageMakerWouldRefuseAreRefusedBeforeAnyCall() {
    Model model = latencyModel("serverless-refused", 0);
    assertRefused(model, d -> d.serverless(1500, 2), "memory");
    assertRefused(model, d -> d.serverless(7168, 2), "memory");
    assertRefused(model, d -> d.serverless(2048, 0), "maxConcurrency");
    assertRefused(model, d -> d.serverless(2048, 201), "maxConcurrency");
    assertRefused(model, d -> d.serverless(2048, 2).provisionedConcurrency(3), "provisionedConcurrency");
    assertRefused(model, d -> d.serverless(2048, 2).async(true), "async");
    assertRefused(model, d -> d.serverless(2048, 2).dataCapture(true), "data capture");
    assertTrue(cloud.sageMaker().listEndpointConfigs(b -> b.nameContains("serverless-refused")).endpointConfigs().isEmpty());
  }

  private static void assertRefused(Model model, Consumer<dev.workbench.api.DeployOptions.Builder> options, String field) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.toEndpoint(options));
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }

  @Test
  void theLocalCloudChecksServerlessConfigsAsSageMakerDoes() {
    latencyModel("serverless-wire", 0);
    String bucket = cloud.bucket();
    SageMakerException memory = assertThrows(SageMakerException.class, () -> cloud.sageMaker().createEndpointConfig(c -> c
        .endpointConfigName("serverless-wire-a").productionVariants(serverlessVariant("serverless-wire", 1000, 2))));
    assertTrue(memory.getMessage().contains("memorySizeInMB"), memory.getMessage());
    SageMakerException step = assertThrows(SageMakerException.class, () -> cloud.sageMaker().createEndpointConfig(c -> c
        .endpointConfigName("serverless-wire-b").productionVariants(serverlessVariant("serverless-wire", 1536, 2))));
    assertTrue(step.getMessage().contains("1024, 2048"), step.getMessage());
    SageMakerException async = assertThrows(SageMakerException.class, () -> cloud.sageMaker().createEndpointConfig(c -> c
        .endpointConfigName("serverless-wire-c").productionVariants(serverlessVariant("serverless-wire", 2048, 2))
        .asyncInferenceConfig(a -> a.outputConfig(o -> o.s3OutputPath("s3://" + bucket + "/out/")))));
    assertTrue(async.getMessage().contains("AsyncInferenceConfig"), async.getMessage());
    SageMakerException capture = assertThrows(SageMakerException.class, () -> cloud.sageMaker().createEndpointConfig(c -> c
        .endpointConfigName("serverless-wire-d").productionVariants(serverlessVariant("serverless-wire", 2048, 2))
        .dataCaptureConfig(d -> d.enableCapture(true).initialSamplingPercentage(100)
            .destinationS3Uri("s3://" + bucket + "/capture").captureOptions(o -> o.captureMode("Input")))));
    assertTrue(capture.getMessage().contains("DataCaptureConfig"), capture.getMessage());
    assertEquals(400, capture.statusCode());
  }

  private static ProductionVariant serverlessVariant(String model, int memory, int concurrency) {
    return ProductionVariant.builder().variantName("AllTraffic").modelName(model)
        .serverlessConfig(s -> s.memorySizeInMB(memory).maxConcurrency(concurrency)).build();
  }

  @Test
  void aServerlessEndpointIsDescribedByItsSizeAndServesLikeASyncOne() throws Exception {
    Endpoint ep = latencyModel("serverless-echo", 0).toEndpoint(d -> d.serverless(2048, 2).tags("smiles"));

    EndpointDescription d = ep.describe();
    assertEquals(EndpointKind.SERVERLESS, d.kind());
    assertFalse(d.async());
    assertEquals(new ServerlessSettings(2048, 2, null), d.serverless());
    assertNull(d.instanceType());
    assertFalse(d.scaledToZero(), "a serverless endpoint is never 'scaled to zero'");
    assertEquals("2 GB / 2 concurrent", d.capacity());
    assertFalse(ep.isAsync());
    assertEquals("true", ep.meta().get("serverless"));
    assertEquals(Boolean.FALSE, ep.meta().asyncEndpointTag());
    assertTrue(cloud.endpoints().stream().anyMatch(e -> e.name().equals("serverless-echo")
        && e.kind() == EndpointKind.SERVERLESS));

    // What any SDK user sees: the serverless config, no instance counts (as SageMaker answers).
    DescribeEndpointResponse raw = cloud.sageMaker().describeEndpoint(b -> b.endpointName("serverless-echo"));
    ProductionVariantSummary variant = raw.productionVariants().get(0);
    assertEquals(2048, variant.currentServerlessConfig().memorySizeInMB());
    assertEquals(2, variant.currentServerlessConfig().maxConcurrency());
    assertEquals(2, variant.desiredServerlessConfig().maxConcurrency());
    assertNull(variant.currentInstanceCount());
    assertNull(variant.desiredInstanceCount());
    DescribeEndpointConfigResponse config = cloud.sageMaker().describeEndpointConfig(b -> b.endpointConfigName("serverless-echo"));
    assertNull(config.productionVariants().get(0).instanceTypeAsString());
    assertNull(config.productionVariants().get(0).initialInstanceCount());
    assertTrue(cloud.autoScaling().describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceIds("endpoint/serverless-echo/variant/AllTraffic")).scalableTargets().isEmpty());
    independentClientsReadTheServerlessConfig("serverless-echo");

    long throttledBefore = stats().get("runtime.ServerlessThrottled");
    Frame out = ep.fastInference(numbered(40), 8);
    assertEquals(40, out.rowCount());
    assertEquals(0, out.errorCount());
    assertEquals("r39", out.get(39, "id"));
    assertEquals(throttledBefore, stats().get("runtime.ServerlessThrottled"),
        "the client keeps to MaxConcurrency rather than throttling itself");
  }

  /** The AWS CLI and boto3 (when installed) see the serverless config and no instance counts, as from SageMaker. */
  static void independentClientsReadTheServerlessConfig(String endpoint) throws Exception {
    String url = local.cloud().endpoint().toString();
    for (Path aws : EndpointLogsTest.awsClis().stream().limit(1).toList()) {
      EndpointLogsTest.Result r = EndpointLogsTest.run(List.of(aws.toString(), "--endpoint-url", url, "--output", "json",
          "sagemaker", "describe-endpoint", "--endpoint-name", endpoint));
      assertEquals(0, r.exit(), aws + ": " + r.output());
      JsonNode variant = new ObjectMapper().readTree(r.output()).path("ProductionVariants").get(0);
      assertEquals(2048, variant.path("CurrentServerlessConfig").path("MemorySizeInMB").asInt(), r.output());
      assertEquals(2, variant.path("CurrentServerlessConfig").path("MaxConcurrency").asInt(), r.output());
      assertTrue(variant.path("CurrentInstanceCount").isMissingNode(), r.output());
    }
    if (EndpointLogsTest.onPath("python3") && EndpointLogsTest.run(List.of("python3", "-c", "import boto3")).exit() == 0) {
      String script = String.join("\n",
          "import boto3, sys",
          "sm = boto3.client('sagemaker', endpoint_url=sys.argv[1], region_name='us-east-1',",
          "                  aws_access_key_id='test', aws_secret_access_key='test')",
          "v = sm.describe_endpoint(EndpointName=sys.argv[2])['ProductionVariants'][0]",
          "c = v['CurrentServerlessConfig']",
          "print(c['MemorySizeInMB'], c['MaxConcurrency'], 'CurrentInstanceCount' in v)");
      EndpointLogsTest.Result r = EndpointLogsTest.run(List.of("python3", "-c", script, url, endpoint));
      assertEquals(0, r.exit(), r.output());
      assertEquals("2048 2 False", r.output().trim());
    }
  }

  @Test
  void beyondMaxConcurrencyCallsAreThrottledAndTheClientRidesItOut() throws Exception {
    Endpoint ep = latencyModel("serverless-busy", 200).toEndpoint(d -> d.serverless(1024, 1));
    ep.inference(numbered(1)); // warm
    long calls = stats().get("runtime.InvokeEndpoint");
    long throttledBefore = stats().get("runtime.ServerlessThrottled");
    // Another caller holds the only slot for about a second.
    CompletableFuture<Void> other = CompletableFuture.runAsync(() -> cloud.runtime().invokeEndpoint(b -> b
        .endpointName("serverless-busy").contentType("text/csv")
        .body(SdkBytes.fromString("id\na\nb\nc\nd\ne\n", StandardCharsets.UTF_8))));
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (stats().get("runtime.InvokeEndpoint") == calls && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(50);

    Frame out = ep.inference(numbered(1), o -> o.batchSize(1));
    other.get();

    assertEquals(0, out.errorCount(), String.valueOf(out.get(0, Frame.ERROR_COLUMN)));
    assertTrue(stats().get("runtime.ServerlessThrottled") > throttledBefore, "the second caller was throttled");
  }

  @Test
  void anIdleEndpointStartsColdAndPublishesItsSetupTime() throws Exception {
    Endpoint ep = latencyModel("serverless-cold", 10).toEndpoint(d -> d.serverless(3072, 3));
    // Past the idle window and the tick that notices it (counted by the local cloud; slow on a busy machine).
    String stops = "runtime.ServerlessIdleStop:serverless-cold";
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (stats().get(stops) == 0 && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    assertTrue(stats().get(stops) > 0, "the idle endpoint stopped its compute");
    long coldBefore = stats().get("runtime.ServerlessColdStart");
    assertEquals(0, ep.inference(numbered(3)).errorCount());
    assertEquals(coldBefore + 1, stats().get("runtime.ServerlessColdStart"), "the first call after idling starts compute");
    assertEquals(0, ep.inference(numbered(3)).errorCount());
    assertEquals(coldBefore + 1, stats().get("runtime.ServerlessColdStart"), "the next one finds it warm");

    EndpointMetrics metrics = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      metrics = ep.metrics(Duration.ofMinutes(5));
      if (!metrics.get("ModelSetupTime").isEmpty() && !metrics.get("ServerlessConcurrentExecutionsUtilization").isEmpty()
          && metrics.sum("Invocations") >= 2) {
        break;
      }
      Thread.sleep(200);
    }
    assertNotNull(metrics);
    assertEquals(List.of("Invocations", "ModelLatency", "OverheadLatency", "ModelSetupTime", "Invocation4XXErrors",
        "Invocation5XXErrors", "ServerlessConcurrentExecutionsUtilization").stream().sorted().toList(),
        metrics.series().keySet().stream().sorted().toList());
    assertTrue(metrics.max("ModelSetupTime") > 0, "ModelSetupTime published");
    double utilization = metrics.max("ServerlessConcurrentExecutionsUtilization");
    assertTrue(utilization > 0 && utilization <= 1, "utilization " + utilization);
    assertTrue(metrics.sum("Invocations") >= 2);
  }

  static CloudStats stats() {
    return local.cloud().stats();
  }

  static Frame numbered(int n) {
    Frame.Builder b = Frame.builder("id");
    for (int i = 0; i < n; i++) {
      b.row("r" + i);
    }
    return b.build();
  }
}
