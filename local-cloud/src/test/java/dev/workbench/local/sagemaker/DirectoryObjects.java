package dev.workbench.local.sagemaker;

import dev.workbench.local.spi.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Objects as files under a directory ({@code <root>/<bucket>/<key>}): lets the service be unit-tested
 * without the S3 server. Tests through LocalCloud use the real s3proxy-backed store.
 */
final class DirectoryObjects implements ObjectStore {

    private final Path root;

    DirectoryObjects(Path root) {
        this.root = root;
    }

    private Path file(String bucket, String key) {
        Path p = root.resolve(bucket).resolve(key).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("bad key " + key);
        }
        return p;
    }

    @Override
    public Optional<InputStream> get(String bucket, String key) {
        Path f = file(bucket, key);
        try {
            return Files.isRegularFile(f) ? Optional.of(Files.newInputStream(f)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<Long> size(String bucket, String key) {
        Path f = file(bucket, key);
        try {
            return Files.isRegularFile(f) ? Optional.of(Files.size(f)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String bucket, String key, byte[] content, String contentType) {
        if (!Files.isDirectory(root.resolve(bucket))) {
            throw new IllegalStateException("NoSuchBucket " + bucket);
        }
        Path f = file(bucket, key);
        try {
            Files.createDirectories(f.getParent());
            // Written aside and moved in, so a reader never sees a half-written object (as with S3).
            Path temp = Files.createTempFile(f.getParent(), ".put-", ".tmp");
            Files.write(temp, content);
            Files.move(temp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String bucket, String key, InputStream content, long length, String contentType) {
        try {
            put(bucket, key, content.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean delete(String bucket, String key) {
        try {
            return Files.deleteIfExists(file(bucket, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean bucketExists(String bucket) {
        return Files.isDirectory(root.resolve(bucket));
    }

    @Override
    public void ensureBucket(String bucket) {
        try {
            Files.createDirectories(root.resolve(bucket));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keys under a prefix, for assertions. */
    List<String> keys(String bucket, String prefix) {
        Path b = root.resolve(bucket);
        if (!Files.isDirectory(b)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(b)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".put-")).map(p -> b.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
