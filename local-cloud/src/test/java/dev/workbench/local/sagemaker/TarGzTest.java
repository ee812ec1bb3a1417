package dev.workbench.local.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.runtime.TarGz;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {

    @TempDir
    Path dir;

    @Test
    void unpacksAModelArchive() throws Exception {
        Path model = dir.resolve("model");
        TarGz.unpack(new ByteArrayInputStream(ExampleServer.resource("scorer-model.tar.gz")), model);
        assertEquals("{\"name\": \"scorer\", \"weight\": 0.5}", Files.readString(model.resolve("model.json")).trim());
    }

    @Test
    void refusesEntriesOutsideTheTarget() {
        Path model = dir.resolve("inner/model");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> TarGz.unpack(new ByteArrayInputStream(ExampleServer.resource("traversal.tar.gz")), model));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("inner/escaped.txt")));
    }
}
