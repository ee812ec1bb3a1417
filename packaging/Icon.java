import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * The console's application icon, drawn here rather than kept as a binary file: a rounded tile with a small
 * molecule-like graph (the demo models are chemistry) whose one bright node is the endpoint.
 * {@code java packaging/Icon.java OUT.png [SIZE]} (a single-file source program; runs headless).
 */
public final class Icon {
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: java packaging/Icon.java OUT.png [SIZE]");
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    double s = size / 256.0;
    g.scale(s, s);

    g.setPaint(new GradientPaint(0, 0, new Color(0x1F4E79), 256, 256, new Color(0x2E8B8B)));
    g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));

    // a ring of five nodes with a tail: a small molecule, read as "a graph of services" just as well
    double[][] nodes = {{128, 62}, {188, 104}, {166, 174}, {90, 174}, {68, 104}, {128, 222}};
    int[][] bonds = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}, {2, 5}, {3, 5}};
    g.setStroke(new BasicStroke(10, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.setColor(new Color(255, 255, 255, 200));
    for (int[] b : bonds) {
      g.draw(new Line2D.Double(nodes[b[0]][0], nodes[b[0]][1], nodes[b[1]][0], nodes[b[1]][1]));
    }
    for (int i = 0; i < nodes.length; i++) {
      double r = i == 0 ? 24 : 17;
      g.setColor(i == 0 ? new Color(0xFFC845) : Color.WHITE);
      g.fill(new Ellipse2D.Double(nodes[i][0] - r, nodes[i][1] - r, 2 * r, 2 * r));
    }
    g.dispose();
    File out = new File(args[0]);
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer");
    }
  }
}
