package dev.workbench.console.view;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import java.io.File;
import java.security.AccessControlContext;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;

/**
 * Drops files onto a node the way the OS would: DRAG_OVER then DRAG_DROPPED with a dragboard holding the
 * files (an in-memory clipboard; Monocle has no OS drag and drop). Call on the FX thread.
 */
final class FileDrop {
  private FileDrop() {
  }

  static boolean drop(Node target, File... files) {
    Dragboard board = DragboardHelper.createDragboard(new FilesClipboard(List.of(files)));
    double x = target.getLayoutBounds().getWidth() / 2;
    double y = target.getLayoutBounds().getHeight() / 2;
    var screen = target.localToScreen(x, y);
    DragEvent over = new DragEvent(DragEvent.DRAG_OVER, board, x, y, screen.getX(), screen.getY(),
        TransferMode.COPY, null, target, null);
    Event.fireEvent(target, over);
    DragEvent dropped = new DragEvent(DragEvent.DRAG_DROPPED, board, x, y, screen.getX(), screen.getY(),
        TransferMode.COPY, null, target, null);
    Event.fireEvent(target, dropped);
    return true;
  }

  /** Drags files over a node without dropping them (DRAG_OVER); {@link #leave} ends the drag. */
  static void over(Node target, File... files) {
    Dragboard board = DragboardHelper.createDragboard(new FilesClipboard(List.of(files)));
    var screen = target.localToScreen(1, 1);
    Event.fireEvent(target, new DragEvent(DragEvent.DRAG_OVER, board, 1, 1, screen.getX(), screen.getY(),
        TransferMode.COPY, null, target, null));
  }

  /** The drag leaves the node without a drop. */
  static void leave(Node target) {
    Dragboard board = DragboardHelper.createDragboard(new FilesClipboard(List.of()));
    Event.fireEvent(target, new DragEvent(DragEvent.DRAG_EXITED, board, 1, 1, 1, 1, TransferMode.COPY, null, target,
        null));
  }

  private static final class FilesClipboard implements TKClipboard {
    private final Map<DataFormat, Object> content = new HashMap<>();

    FilesClipboard(List<File> files) {
      content.put(DataFormat.FILES, files);
    }

    @Override
    public void setSecurityContext(AccessControlContext ctx) { }

    @Override
    public Set<DataFormat> getContentTypes() { return content.keySet(); }

    @Override
    @SafeVarargs
    public final boolean putContent(Pair<DataFormat, Object>... items) {
      for (Pair<DataFormat, Object> p : items) {
        content.put(p.getKey(), p.getValue());
      }
      return true;
    }

    @Override
    public Object getContent(DataFormat format) { return content.get(format); }

    @Override
    public boolean hasContent(DataFormat format) { return content.containsKey(format); }

    @Override
    public Set<TransferMode> getTransferModes() { return EnumSet.of(TransferMode.COPY); }

    @Override
    public void setDragView(Image image) { }

    @Override
    public void setDragViewOffsetX(double offsetX) { }

    @Override
    public void setDragViewOffsetY(double offsetY) { }

    @Override
    public Image getDragView() { return null; }

    @Override
    public double getDragViewOffsetX() { return 0; }

    @Override
    public double getDragViewOffsetY() { return 0; }
  }
}
