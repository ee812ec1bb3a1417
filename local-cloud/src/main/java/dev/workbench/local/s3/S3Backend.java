package dev.workbench.local.s3;

import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * The real s3proxy on a filesystem blob store under {@code <dataDir>/s3}. The servlet is s3proxy's own
 * (the one its standalone server mounts), so S3 semantics, auth (V2 or V4 with the configured identity),
 * aws-chunked uploads and error replies are s3proxy's, not ours; only a write that loses its folder to a
 * concurrent delete is made again ({@link FolderRaceRetries}).
 */
public final class S3Backend implements AutoCloseable {

    private static final long MAX_SINGLE_PART_OBJECT_SIZE = 5L * 1024 * 1024 * 1024;
    private static final long V4_MAX_NON_CHUNKED_REQUEST_SIZE = 128L * 1024 * 1024;
    private static final int V4_MAX_CHUNK_SIZE = 16 * 1024 * 1024;
    private static final int MAXIMUM_TIME_SKEW_SECONDS = 15 * 60;

    private final Path root;
    private final BlobStore blobStore;
    private final HttpServlet servlet;

    private S3Backend(Path root, BlobStore blobStore, HttpServlet servlet) {
        this.root = root;
        this.blobStore = blobStore;
        this.servlet = servlet;
    }

    public static S3Backend open(Path root, String accessKey, String secretKey) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create S3 data directory " + root, e);
        }
        // Both views (clients through the servlet, the emulator through BlobObjectStore) write through the retries.
        BlobStore store = new FolderRaceRetries(new FilesystemNio2BlobStore(root.toAbsolutePath().toString()));
        return new S3Backend(root, store, s3ProxyServlet(store, accessKey, secretKey));
    }

    /**
     * s3proxy 4.1.0 keeps its servlet class package-private and builds it only inside its own Jetty; we mount
     * the same servlet in ours so S3 shares the one port with the other services.
     */
    private static HttpServlet s3ProxyServlet(BlobStore store, String accessKey, String secretKey) {
        try {
            Class<?> servletClass = Class.forName("org.gaul.s3proxy.S3ProxyHandlerJetty");
            Class<?> metricsClass = Class.forName("org.gaul.s3proxy.S3ProxyMetrics");
            Constructor<?> constructor = servletClass.getDeclaredConstructor(BlobStore.class, AuthenticationType.class,
                    String.class, String.class, String.class, long.class, long.class, int.class, boolean.class,
                    CrossOriginResourceSharing.class, String.class, int.class, metricsClass);
            constructor.setAccessible(true);
            return (HttpServlet) constructor.newInstance(store, AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey,
                    null, MAX_SINGLE_PART_OBJECT_SIZE, V4_MAX_NON_CHUNKED_REQUEST_SIZE, V4_MAX_CHUNK_SIZE, false,
                    null, null, MAXIMUM_TIME_SKEW_SECONDS, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This s3proxy version does not offer the servlet local-cloud mounts: " + e, e);
        }
    }

    public Path root() {
        return root;
    }

    public BlobStore blobStore() {
        return blobStore;
    }

    public HttpServlet servlet() {
        return servlet;
    }

    @Override
    public void close() {
        blobStore.close();
    }
}
