package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceCache;
import dev.workbench.api.WorkbenchException;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The inference cache asked for a key column the table does not have. */
class CacheKeyTest {
    @RegisterExtension
    static LocalCloudExtension local = LocalCloudExtension.fast();

    @TempDir
    Path data;

    @Test
    void aMissingKeyColumnIsNamedWithTheColumnsThereAreAndNothingIsSent() {
        try (Cloud cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data))) {
            Endpoint endpoint = Clouds.deployLatency(cloud, "cache-key", Map.of("LATENCY_MS_PER_ROW", "1"), d -> d.minInstances(1));
            Frame input = Frame.builder("smiles", "id").row("CCO", "1").row("c1ccccc1", "2").build();
            long invokes = local.cloud().stats().get("runtime.InvokeEndpointAsync");
            try (InferenceCache cache = new InferenceCache(endpoint, "inchikey", data.resolve("cache.db"))) {
                WorkbenchException e = assertThrows(WorkbenchException.class, () -> cache.inference(input));
                System.out.println("cache key -> " + e.getMessage());
                assertTrue(e.getMessage().contains("inchikey"), e.getMessage());
                assertTrue(e.getMessage().contains("smiles"), "lists the columns there are: " + e.getMessage());
                assertEquals(0, cache.size());
            }
            assertEquals(invokes, local.cloud().stats().get("runtime.InvokeEndpointAsync"), "nothing sent");
        }
    }
}
