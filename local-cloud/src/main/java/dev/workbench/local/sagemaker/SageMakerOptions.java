package dev.workbench.local.sagemaker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * @param workDir   where instances get their model directories and command containers their log files
 *                  (normally {@code <dataDir>/sagemaker})
 * @param stopGrace how long a command container has between SIGTERM and SIGKILL (SageMaker: 30 s)
 */
public record SageMakerOptions(Path workDir, Duration stopGrace) {

    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

    public static SageMakerOptions in(Path workDir) {
        return new SageMakerOptions(workDir, DEFAULT_STOP_GRACE);
    }

    public SageMakerOptions withStopGrace(Duration grace) {
        return new SageMakerOptions(workDir, grace);
    }

    /** A fresh temporary work directory: for a context that has no data directory of its own. */
    static SageMakerOptions temporary() {
        try {
            return in(Files.createTempDirectory("workbench-sagemaker-"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a work directory for SageMaker instances", e);
        }
    }
}
