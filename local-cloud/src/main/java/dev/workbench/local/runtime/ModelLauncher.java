package dev.workbench.local.runtime;

import dev.workbench.local.model.LocalModel;
import dev.workbench.local.model.ModelContext;
import dev.workbench.local.model.ModelInput;
import dev.workbench.local.model.ModelInstance;
import dev.workbench.local.model.ModelOutput;
import dev.workbench.local.spi.ObjectStore;
import dev.workbench.local.spi.S3Uri;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Starts endpoint instances: {@code local/<name>} loads the bundled LocalModel of that name, any other image
 * is a command line run as a process. Each instance gets its own model directory (the unpacked ModelDataUrl)
 * under the work directory, and command containers log to {@code <instance>.log} there.
 */
public final class ModelLauncher {

    private final ObjectStore objects;
    private final LocalModels models;
    private final Path workDir;
    private final Duration startTimeout;
    private final Duration stopGrace;

    public ModelLauncher(ObjectStore objects, LocalModels models, Path workDir, Duration startTimeout, Duration stopGrace) {
        this.objects = objects;
        this.models = models;
        this.workDir = workDir;
        this.startTimeout = startTimeout;
        this.stopGrace = stopGrace;
    }

    /** Blocks until the instance is healthy; throws {@link ModelStartException} with a FailureReason otherwise. */
    public RunningModel start(ModelSpec spec, String instanceId) {
        return start(spec, instanceId, line -> { });
    }

    /** As {@link #start(ModelSpec, String)}, each line the instance prints (command images) going to {@code output}. */
    public RunningModel start(ModelSpec spec, String instanceId, Consumer<String> output) {
        Path modelDir = workDir.resolve("instances").resolve(instanceId).resolve("model");
        prepareModelDir(spec, modelDir);
        if (spec.isLocal()) {
            String name = spec.image().substring(ModelSpec.LOCAL_PREFIX.length());
            LocalModel model = models.find(name).orElseThrow(() -> new ModelStartException(
                    "Image " + spec.image() + " names no bundled model. Known models: " + models.names() + "."));
            ModelInstance instance;
            try {
                instance = model.load(new ModelContext(spec.environment(), modelDir));
            } catch (RuntimeException e) {
                throw new ModelStartException("Model " + name + " failed to load: " + e.getMessage(), e);
            }
            output.accept("Loaded bundled model " + spec.image() + " on instance " + instanceId);
            return new InProcess(instance, "local/" + name + "/" + instanceId);
        }
        Path log = workDir.resolve("instances").resolve(instanceId + ".log");
        return CommandContainer.start(spec.image(), spec.environment(), modelDir, log, startTimeout, stopGrace, output);
    }

    /** Removes an instance's files once it has stopped. */
    public void cleanUp(String instanceId) {
        Path modelDir = workDir.resolve("instances").resolve(instanceId);
        try (var paths = Files.walk(modelDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover directory in the work dir harms nothing
        }
    }

    private void prepareModelDir(ModelSpec spec, Path modelDir) {
        try {
            Files.createDirectories(modelDir);
        } catch (IOException e) {
            throw new ModelStartException("Cannot create model directory " + modelDir + ": " + e.getMessage(), e);
        }
        String url = spec.modelDataUrl();
        if (url == null || url.isBlank()) {
            return;
        }
        S3Uri uri;
        try {
            uri = S3Uri.parse(url);
        } catch (RuntimeException e) {
            throw new ModelStartException("ModelDataUrl " + url + " is not an s3:// location.");
        }
        InputStream archive = objects.get(uri.bucket(), uri.key()).orElseThrow(() -> new ModelStartException(
                "Failed to download model data from " + url + ": the object does not exist."));
        try (archive) {
            TarGz.unpack(archive, modelDir);
        } catch (IOException | UncheckedIOException e) {
            throw new ModelStartException("Failed to extract model data archive from " + url + ": " + e.getMessage(), e);
        }
    }

    /** Kills an instance at once, as a crashed container would die. */
    public static void crash(RunningModel model) {
        if (model instanceof CommandContainer container) {
            container.crash();
        } else {
            model.close();
        }
    }

    private record InProcess(ModelInstance instance, String logName) implements RunningModel {

        @Override
        public ModelOutput invoke(ModelInput input) {
            return instance.invoke(input);
        }

        @Override
        public void close() {
            try {
                instance.close();
            } catch (Exception e) {
                throw new IllegalStateException("Model instance failed to close: " + e.getMessage(), e);
            }
        }
    }
}
