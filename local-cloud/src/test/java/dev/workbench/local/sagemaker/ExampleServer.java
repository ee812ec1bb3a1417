package dev.workbench.local.sagemaker;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the example model server of the repository is, seen from the module's test working directory. */
final class ExampleServer {

    private ExampleServer() {
    }

    static Path script() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("examples/model-server/serve.py");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("examples/model-server/serve.py not found above " + dir);
    }

    static byte[] resource(String name) {
        try (var in = ExampleServer.class.getResourceAsStream("/sagemaker/" + name)) {
            if (in == null) {
                throw new AssertionError("missing test resource sagemaker/" + name);
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
