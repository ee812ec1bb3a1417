package dev.workbench.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.EndpointMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaTagsTest {

  @Test
  void nonStringValuesAreJsonEncoded() {
    Map<String, String> tags = MetaTags.encode(Map.of("async_endpoint", true, "inference_batch_size", 10));
    assertEquals("true", tags.get("async_endpoint"));
    assertEquals("10", tags.get("inference_batch_size"));
    EndpointMeta meta = MetaTags.decodeMeta(tags);
    assertTrue(meta.asyncEndpoint());
    assertEquals(10, meta.batchSize());
  }

  @Test
  void safeStringsAreStoredAsWritten() {
    Map<String, String> tags = MetaTags.encode(Map.of("instance", "ml.c7i.xlarge", "workbench_tags", "smiles::3d"));
    assertEquals("ml.c7i.xlarge", tags.get("instance"));
    assertEquals("smiles::3d", tags.get("workbench_tags"));
    assertEquals(List.of("smiles", "3d"), MetaTags.decodeMeta(tags).tags());
  }

  @Test
  void unsafeCharactersGoBase64AndComeBack() {
    String value = "{\"a\": [1, 2]}, ünïcode & ;";
    Map<String, String> tags = MetaTags.encode(Map.of("workbench_input", value));
    assertTrue(tags.get("workbench_input").startsWith("b64:"), tags.toString());
    assertTrue(tags.get("workbench_input").substring(4).matches("[A-Za-z0-9+/=]+"));
    assertEquals(value, MetaTags.decode(tags).get("workbench_input"));
  }

  @Test
  void listsAreJsonThenBase64() {
    Map<String, String> tags = MetaTags.encode(Map.of("features", List.of("mw", "logp")));
    assertEquals("[\"mw\",\"logp\"]", MetaTags.decode(tags).get("features"));
  }

  @Test
  void emptyValueIsStoredAsOneSpace() {
    Map<String, String> tags = MetaTags.encode(Map.of("workbench_tags", ""));
    assertEquals(" ", tags.get("workbench_tags"));
    assertEquals("", MetaTags.decode(tags).get("workbench_tags"));
    assertEquals(List.of(), MetaTags.decodeMeta(tags).tags());
  }

  @Test
  void longValuesAreChunkedAndJoinedInNumericOrder() {
    String value = "x".repeat(700) + "-end";
    Map<String, String> tags = MetaTags.encode(Map.of("workbench_input", value));
    assertFalse(tags.containsKey("workbench_input"));
    assertEquals(3, tags.size(), tags.keySet().toString());
    tags.values().forEach(v -> assertTrue(v.length() < MetaTags.MAX_VALUE));
    // SageMaker returns tags in any order: chunk_10 must not sort before chunk_2.
    Map<String, String> shuffled = new LinkedHashMap<>();
    List.of("workbench_input_chunk_3", "workbench_input_chunk_1", "workbench_input_chunk_2")
        .forEach(k -> shuffled.put(k, tags.get(k)));
    assertEquals(value, MetaTags.decode(shuffled).get("workbench_input"));
  }

  @Test
  void manyChunksKeepNumericOrder() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      sb.append((char) ('a' + i % 26));
    }
    String value = sb.toString();
    Map<String, String> tags = MetaTags.encode(Map.of("k", value));
    assertTrue(tags.containsKey("k_chunk_12"));
    assertEquals(value, MetaTags.decode(tags).get("k"));
  }

  @Test
  void longUnsafeValuesAreBase64ThenChunked() {
    String value = "é".repeat(400);
    Map<String, String> tags = MetaTags.encode(Map.of("workbench_input", value));
    assertTrue(tags.get("workbench_input_chunk_1").startsWith("b64:"));
    assertEquals(value, MetaTags.decode(tags).get("workbench_input"));
  }

  @Test
  void deployMetaRoundTrips() {
    Map<String, Object> meta = MetaTags.deployMeta(List.of("smiles", "3d"), "ml.c7i.2xlarge", true, true, 0, 8, 60, 1,
        10, 64, "smiles-model");
    EndpointMeta decoded = MetaTags.decodeMeta(MetaTags.encode(meta));
    assertTrue(decoded.asyncEndpoint());
    assertEquals(List.of("smiles", "3d"), decoded.tags());
    assertEquals("ml.c7i.2xlarge", decoded.instance());
    assertEquals(8, decoded.maxInstances(0));
    assertEquals(0, decoded.minInstances(1));
    assertEquals(60, decoded.scaleInIdleMinutes(0));
    assertEquals(1, decoded.asyncMaxConcurrent(0));
    assertEquals(10, decoded.batchSize());
    assertEquals(64, decoded.maxInFlight());
    assertEquals("smiles-model", decoded.input());
  }

  @Test
  void missingTagMeansNoOpinion() {
    EndpointMeta meta = MetaTags.decodeMeta(Map.of("instance", "ml.t2.medium"));
    assertNull(meta.asyncEndpointTag());
    assertFalse(meta.asyncEndpoint());
    assertEquals(EndpointMeta.DEFAULT_SYNC_BATCH_SIZE, meta.batchSize());
    assertEquals(EndpointMeta.DEFAULT_MAX_IN_FLIGHT, meta.maxInFlight());
  }

  @Test
  void falseTagWins() {
    assertEquals(Boolean.FALSE, MetaTags.decodeMeta(MetaTags.encode(Map.of("async_endpoint", false))).asyncEndpointTag());
  }
}
