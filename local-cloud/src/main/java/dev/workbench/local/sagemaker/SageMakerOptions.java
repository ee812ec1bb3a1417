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
 * @param deleteOnClose whether the service removes the work directory when it closes (a temporary one)
 */
public record SageMakerOptions(Path workDir, Duration stopGrace, boolean deleteOnClose) {

    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

    public static SageMakerOptions in(Path workDir) {
        return new SageMakerOptions(workDir, DEFAULT_STOP_GRACE, false);
    }

    public SageMakerOptions withStopGrace(Duration grace) {
        return new SageMakerOptions(workDir, grace, deleteOnClose);
    }

    /** A fresh temporary work directory: for a context that has no data directory of its own. */
    static SageMakerOptions temporary() {
        try {
            return new SageMakerOptions(Files.createTempDirectory("workbench-sagemaker-"), DEFAULT_STOP_GRACE, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a work directory for SageMaker instances", e);
        }
    }
}
