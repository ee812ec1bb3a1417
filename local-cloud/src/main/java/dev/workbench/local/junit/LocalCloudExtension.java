package dev.workbench.local.junit;

import dev.workbench.local.LocalCloud;
import dev.workbench.local.LocalCloudConfig;
import dev.workbench.local.spi.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.jspecify.annotations.Nullable;

/**
 * Starts a local cloud for a test class: {@code @RegisterExtension static LocalCloudExtension cloud =
 * LocalCloudExtension.fast();}. Fast timing, a fresh temporary data directory, a free port. The
 * {@link LocalCloud} is also injected into test methods and constructors that declare it.
 */
public final class LocalCloudExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final Consumer<LocalCloudConfig.Builder> config;
    private @Nullable LocalCloud cloud;
    private @Nullable Path dataDir;
    private boolean ownsDataDir;

    private LocalCloudExtension(Consumer<LocalCloudConfig.Builder> config) {
        this.config = config;
    }

    /** {@link Timing#fast()}, a temporary data directory deleted afterwards, a free port. */
    public static LocalCloudExtension fast() {
        return with(b -> { });
    }

    /** Like {@link #fast()}, then the given changes (set {@code dataDir} to keep state in a directory you own). */
    public static LocalCloudExtension with(Consumer<LocalCloudConfig.Builder> config) {
        return new LocalCloudExtension(config);
    }

    /** The running cloud (started on first use when the extension was not registered statically). */
    public synchronized LocalCloud cloud() {
        if (cloud == null) {
            start();
        }
        return cloud;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cloud();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == LocalCloud.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return cloud();
    }

    private void start() {
        try {
            Path temp = Files.createTempDirectory("local-cloud-test");
            LocalCloudConfig.Builder builder = LocalCloudConfig.builder().port(0).timing(Timing.fast()).dataDir(temp);
            config.accept(builder);
            LocalCloudConfig built = builder.build();
            ownsDataDir = built.dataDir().equals(temp);
            if (!ownsDataDir) {
                Files.deleteIfExists(temp);
            }
            dataDir = built.dataDir();
            cloud = LocalCloud.start(built);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary data directory", e);
        }
    }

    private void stop() {
        if (cloud != null) {
            cloud.close();
            cloud = null;
        }
        if (ownsDataDir && dataDir != null) {
            deleteTree(dataDir);
        }
        dataDir = null;
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A leftover temp directory is not worth failing a test run for.
        }
    }
}
