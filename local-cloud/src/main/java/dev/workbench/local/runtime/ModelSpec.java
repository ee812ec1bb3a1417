package dev.workbench.local.runtime;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one endpoint instance runs: a SageMaker ContainerDefinition reduced to what matters locally.
 *
 * @param image        {@code local/<name>} for a bundled model, anything else is a command line
 * @param modelDataUrl an {@code s3://...tar.gz} archive unpacked into the model directory, or null
 */
public record ModelSpec(String image, @Nullable String modelDataUrl, Map<String, String> environment) {

    public static final String LOCAL_PREFIX = "local/";

    public ModelSpec {
        environment = Map.copyOf(environment);
    }

    public boolean isLocal() {
        return image.startsWith(LOCAL_PREFIX);
    }
}
