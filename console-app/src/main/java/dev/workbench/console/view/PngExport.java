package dev.workbench.console.view;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** A node as it is drawn on screen, written as a PNG file (on the FX thread: snapshots need it). */
final class PngExport {
  private PngExport() {}

  static void write(Node node, Path file) {
    WritableImage image = node.snapshot(null, null);
    try {
      if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
        throw new IllegalStateException("no PNG writer in this Java runtime");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
