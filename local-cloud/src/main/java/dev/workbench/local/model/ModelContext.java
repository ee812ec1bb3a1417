package dev.workbench.local.model;

import java.nio.file.Path;
import java.util.Map;

/**
 * @param environment the container definition's Environment
 * @param modelDir    where the ModelDataUrl archive was unpacked (an empty directory when there is none)
 */
public record ModelContext(Map<String, String> environment, Path modelDir) {

    public ModelContext {
        environment = Map.copyOf(environment);
    }
}
