package dev.workbench.console.service;

import dev.workbench.api.Frame;
import dev.workbench.api.InferenceCapture;
import dev.workbench.core.capture.CaptureLayout;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** An endpoint's inference captures (model evaluations) and their stored predictions. Blocking: background tasks. */
public final class CaptureService {
  private final ConnectionService connection;

  public CaptureService(ConnectionService connection) {
    this.connection = connection;
  }

  public List<InferenceCapture> captures(String endpoint) {
    return connection.current().cloud().endpoint(endpoint).captures();
  }

  /**
   * The capture's {@code inference_predictions.csv} (id, target, prediction, probabilities), read from the folder
   * the capture names; an empty frame when the capture has none.
   */
  public Frame predictions(InferenceCapture capture) {
    URI folder = URI.create(capture.location().endsWith("/") ? capture.location() : capture.location() + "/");
    String key = folder.getPath().replaceFirst("^/", "") + CaptureLayout.PREDICTIONS;
    try {
      String csv = connection.current().cloud().s3().getObjectAsBytes(b -> b.bucket(folder.getHost()).key(key))
          .asUtf8String();
      return csv.isBlank() ? Frame.empty(List.of()) : Frame.parseCsv(csv);
    } catch (NoSuchKeyException e) {
      return Frame.empty(List.of());
    }
  }

  /** Runs the rows through the endpoint with a capture, as {@code workbench infer --capture} does; returns the rows. */
  public Frame evaluate(String endpoint, Frame rows, String capture, @Nullable String idColumn) {
    return connection.current().cloud().endpoint(endpoint).inference(rows, o -> o.capture(capture).idColumn(idColumn));
  }
}
