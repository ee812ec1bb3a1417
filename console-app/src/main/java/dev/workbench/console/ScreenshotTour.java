package dev.workbench.console;

import dev.workbench.console.ConsoleFxApp.ConsoleWindow;
import dev.workbench.console.service.DeployRequest;
import dev.workbench.console.task.BackgroundTask;
import dev.workbench.console.viewmodel.EndpointItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import dev.workbench.api.Frame;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.controlsfx.control.ToggleSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a real run on the embedded local cloud (fast timing) and writes the README's screenshots: deploy
 * dialog with the async toggle on, endpoints with both badges, in-flight jobs, CSV inference in progress,
 * metrics during a scale from zero. Runs as a background task; the UI is touched only on the FX thread.
 */
final class ScreenshotTour {
  private static final Logger LOG = LoggerFactory.getLogger(ScreenshotTour.class);
  static final String SCREEN_COMMAND = "workbench.console.screenshotCommand";
  /** {@code -Dworkbench.console.tour=evaluation} takes only the Evaluation screen's picture (the rest takes minutes). */
  static final String ONLY = "workbench.console.tour";
  private static final String ESOL = "esol-solubility";
  private static final String SYNC = "descriptors-sync";
  private static final String ASYNC = "latency-async";
  private static final String DETAIL = "scoring-async";
  private final ConsoleWindow window;
  private final Path dir;

  ScreenshotTour(ConsoleWindow window, Path dir) {
    this.window = window;
    this.dir = dir;
  }

  void start() {
    window.executor().execute(BackgroundTask.run("screenshots", this::tour)
        .onSuccess(v -> {
          LOG.info("screenshots written to {}", dir.toAbsolutePath());
          Platform.exit();
        })
        .onFailure(e -> {
          LOG.error("screenshot tour failed", e);
          ScreenshotMain.failed = true;
          Platform.exit();
        }));
  }

  private void tour() {
    var vm = window.viewModel();
    var view = window.view();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    waitFor("connection", Duration.ofSeconds(90), () -> vm.connection().connectedProperty().get());
    if ("evaluation".equals(System.getProperty(ONLY))) {
      evaluation();
      return;
    }
    if ("detail".equals(System.getProperty(ONLY))) {
      detail();
      return;
    }
    window.services().endpoints().deploy(new DeployRequest("smiles-descriptors", SYNC, "ml.t2.medium", false, 1,
        false, 1, 1, List.of("demo")), p -> { });

    Dialog<ButtonType> dialog = fx(view::openDeploy);
    waitFor("models", Duration.ofSeconds(30), () -> fx(() -> !lookup(dialog, "#deploy-model", ComboBox.class).getItems().isEmpty()));
    fx(() -> {
      lookup(dialog, "#deploy-model", ComboBox.class).setValue("latency");
      lookup(dialog, "#deploy-async", ToggleSwitch.class).setSelected(true);
      lookup(dialog, "#deploy-name", TextField.class).setText(ASYNC);
      lookup(dialog, "#deploy-tags", TextField.class).setText("team:chem, demo");
      return null;
    });
    pause(700);
    snapshot(dialog.getDialogPane(), "deploy-dialog-async.png");
    fx(() -> {
      lookup(dialog, "#deploy-submit", Button.class).fire();
      return null;
    });
    waitFor("async endpoint in service", Duration.ofSeconds(90), () -> item(ASYNC, i -> "InService".equals(i.status())));
    pause(1500);
    fx(() -> {
      dialog.close();
      return null;
    });
    waitFor("async endpoint scaled to zero", Duration.ofSeconds(90),
        () -> item(ASYNC, i -> i.scaleState() == EndpointItem.ScaleState.SCALED_TO_ZERO));
    waitFor("sync endpoint running", Duration.ofSeconds(60),
        () -> item(SYNC, i -> i.scaleState() == EndpointItem.ScaleState.RUNNING));
    pause(1200);
    snapshot(view, "endpoints.png");

    Path csv = writeCsv(6_000);
    fx(() -> {
      view.select("CSV inference");
      vm.inference().open(csv);
      return null;
    });
    waitFor("CSV read", Duration.ofSeconds(60), () -> fx(() -> vm.inference().rowCountProperty().get() > 0));
    fx(() -> {
      vm.inference().endpointProperty().set(ASYNC);
      vm.metrics().endpointProperty().set(ASYNC);
      vm.inference().run();
      return null;
    });
    waitFor("rows in flight", Duration.ofSeconds(60), () -> fx(() -> vm.inference().rowsInFlightProperty().get() > 0));
    fx(() -> {
      view.select("In-flight S3 jobs");
      return null;
    });
    waitFor("batches listed", Duration.ofSeconds(30), () -> fx(() -> !vm.jobs().batches().isEmpty()));
    pause(1200);
    snapshot(view, "inflight-jobs.png");
    fx(() -> {
      view.select("Metrics & capture");
      return null;
    });
    waitFor("an instance started", Duration.ofSeconds(120), () -> item(ASYNC, i -> i.currentInstances() > 0));
    pause(4000);
    snapshot(view, "metrics-scale-from-zero.png");
    fx(() -> {
      view.select("CSV inference");
      return null;
    });
    waitFor("a quarter of the rows", Duration.ofSeconds(120), () -> fx(() -> vm.inference().progressProperty().get() > 0.25));
    pause(300);
    snapshot(view, "csv-inference.png");
    waitFor("run finished", Duration.ofSeconds(180), () -> fx(() -> !vm.inference().runningProperty().get()));

    // a run in progress on smiles-to-3d (3D conformers, a few rows a second), then cancelled
    window.services().endpoints().deploy(new DeployRequest("smiles-to-3d", "smiles-to-3d", "ml.c5.xlarge", false, 1,
        false, 1, 1, List.of("demo")), p -> { });
    Path shapes = writeCsv(3_000);
    fx(() -> {
      vm.inference().open(shapes);
      return null;
    });
    waitFor("CSV read", Duration.ofSeconds(60), () -> fx(() -> vm.inference().rowCountProperty().get() == 3_000));
    waitFor("the endpoint in the picker", Duration.ofSeconds(30),
        () -> fx(() -> vm.endpoints().names().contains("smiles-to-3d")));
    fx(() -> {
      vm.inference().endpointProperty().set("smiles-to-3d");
      vm.inference().run();
      return null;
    });
    waitFor("results coming in", Duration.ofSeconds(120), () -> fx(() -> vm.inference().results().size() >= 40));
    pause(500);
    snapshot(view, "run-smiles-to-3d.png");
    fx(() -> {
      vm.inference().cancel();
      return null;
    });
    waitFor("run cancelled", Duration.ofSeconds(120), () -> fx(() -> !vm.inference().runningProperty().get()));
    pause(1200);
    snapshot(view, "cancelled-run.png");

    evaluation();
    detail();

    fx(() -> {
      vm.darkThemeProperty().set(true);
      view.select("Endpoints");
      return null;
    });
    pause(1500);
    snapshot(view, "dark-theme.png");
  }

  /**
   * The Endpoints tab's detail pane of an async endpoint that scaled to zero, its Update dialog, its metrics over an hour after a run
   * woke it (the scale events marked), and its container log.
   */
  private void detail() {
    var vm = window.viewModel();
    var view = window.view();
    window.services().endpoints().deploy(new DeployRequest("latency", DETAIL, "ml.m5.large", true, 4, true, 1, 2,
        List.of("team:chem", "scoring"), true, 20), p -> { });
    waitFor("the detail endpoint scaled to zero", Duration.ofSeconds(120),
        () -> item(DETAIL, i -> i.scaleState() == EndpointItem.ScaleState.SCALED_TO_ZERO));
    fx(() -> {
      view.select("Endpoints");
      vm.endpoints().all().stream().filter(i -> i.name().equals(DETAIL)).findFirst()
          .ifPresent(i -> vm.endpoints().selectedProperty().set(i));
      return null;
    });
    waitFor("the detail read", Duration.ofSeconds(30), () -> fx(() -> vm.detail().section("Async inference") != null
        && vm.detail().section("Recent scaling activity") != null));
    // the log pane hidden, as a user reading the settings would (its Log toggle), then shown again
    fx(() -> {
      ((javafx.scene.control.ToggleButton) view.lookup("#toggle-log")).setSelected(false);
      return null;
    });
    pause(2500);
    snapshot(view, "endpoint-detail-scaled-to-zero.png");
    fx(() -> {
      ((javafx.scene.control.ToggleButton) view.lookup("#toggle-log")).setSelected(true);
      return null;
    });
    updateDialog();

    Path csv = writeCsv(3_000);
    fx(() -> {
      view.select("CSV inference");
      vm.inference().open(csv);
      return null;
    });
    waitFor("CSV read", Duration.ofSeconds(60), () -> fx(() -> vm.inference().rowCountProperty().get() == 3_000));
    fx(() -> {
      vm.inference().endpointProperty().set(DETAIL);
      vm.inference().run();
      return null;
    });
    waitFor("run finished", Duration.ofSeconds(240), () -> fx(() -> !vm.inference().runningProperty().get()));
    waitFor("scaled in again", Duration.ofSeconds(180),
        () -> item(DETAIL, i -> i.scaleState() == EndpointItem.ScaleState.SCALED_TO_ZERO));
    fx(() -> {
      view.select("Metrics & capture");
      vm.metrics().endpointProperty().set(DETAIL);
      vm.metrics().rangeProperty().set(dev.workbench.console.viewmodel.TimeRange.HOUR_1);
      return null;
    });
    waitFor("scale events marked", Duration.ofSeconds(60), () -> fx(() -> vm.metrics().marks().size() >= 2));
    pause(3000);
    snapshot(view, "metrics-hour-scale-events.png");
    // the local cloud's short timing packs the run into seconds: a custom range of the last minutes spreads it out
    java.time.format.DateTimeFormatter minute = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    java.time.LocalDateTime now = java.time.LocalDateTime.now();
    fx(() -> vm.metrics().custom(minute.format(now.minusMinutes(3)), minute.format(now.plusMinutes(1))));
    waitFor("scale events marked", Duration.ofSeconds(60), () -> fx(() -> vm.metrics().marks().size() >= 2));
    pause(2500);
    snapshot(view, "metrics-custom-range-scale-events.png");

    fx(() -> {
      view.select("Logs");
      vm.logs().endpointProperty().set(DETAIL);
      return null;
    });
    waitFor("log lines", Duration.ofSeconds(60), () -> fx(() -> !vm.logs().shown().isEmpty()));
    pause(1500);
    snapshot(view, "endpoint-logs.png");
  }

  /**
   * The pane's Update dialog on the detail endpoint with a few values changed, its diff showing; cancelled, so the
   * run after it scales the endpoint as deployed.
   */
  private void updateDialog() {
    fx(() -> {
      ((Button) window.view().lookup("#detail-update")).fire();
      return null;
    });
    waitFor("the update dialog", Duration.ofSeconds(30), () -> fx(() -> updatePane() != null));
    fx(() -> {
      javafx.scene.control.DialogPane pane = updatePane();
      ((TextField) pane.lookup("#update-max")).setText("4");
      ((TextField) pane.lookup("#update-idle")).setText("15");
      ((TextField) pane.lookup("#update-capture-percent")).setText("50");
      return null;
    });
    pause(1000);
    snapshot(fx(this::updatePane), "update-dialog-diff.png");
    fx(() -> {
      ((Button) updatePane().lookupButton(ButtonType.CANCEL)).fire();
      return null;
    });
  }

  private javafx.scene.control.@org.jspecify.annotations.Nullable DialogPane updatePane() {
    return javafx.stage.Window.getWindows().stream().filter(w -> w.isShowing() && w.getScene() != null)
        .map(w -> w.getScene().getRoot()).filter(r -> r instanceof javafx.scene.control.DialogPane
            && r.lookup("#update-instances") != null)
        .map(r -> (javafx.scene.control.DialogPane) r).findFirst().orElse(null);
  }

  /** The bundled ESOL regressor scored on the held-out compounds, as the demo scores it, on the Evaluation tab. */
  private void evaluation() {
    var vm = window.viewModel();
    window.services().endpoints().deploy(new DeployRequest(ESOL, ESOL, "ml.t2.medium", false, 1, false, 1, 1,
        List.of("demo")), p -> { });
    Path file = Files.isRegularFile(Path.of("examples", "esol.csv")) ? Path.of("examples", "esol.csv")
        : Path.of("..", "examples", "esol.csv");
    Frame all = Frame.readCsv(file);
    Frame holdout = all.selectRows(IntStream.range(0, all.rowCount()).filter(r -> "holdout".equals(all.get(r, "split")))
        .toArray()).drop("split");
    window.services().captures().evaluate(ESOL, holdout, "holdout", "id");
    waitFor("the endpoint in the picker", Duration.ofSeconds(30), () -> fx(() -> vm.endpoints().names().contains(ESOL)));
    fx(() -> {
      window.view().select("Evaluation");
      vm.captures().endpointProperty().set(ESOL);
      return null;
    });
    waitFor("the holdout plots", Duration.ofSeconds(60),
        () -> fx(() -> "holdout".equals(vm.captures().shownProperty().get().capture())));
    pause(1500);
    snapshot(window.view(), "evaluation-regressor.png");
  }

  private boolean item(String name, java.util.function.Predicate<EndpointItem> test) {
    return fx(() -> window.viewModel().endpoints().all().stream().anyMatch(i -> i.name().equals(name) && test.test(i)));
  }

  private static Path writeCsv(int rows) {
    try {
      Path f = Files.createTempFile("molecules-", ".csv");
      try (Writer w = Files.newBufferedWriter(f)) {
        w.write("id,smiles\n");
        String[] smiles = {"CCO", "c1ccccc1", "CC(=O)O", "CCN(CC)CC", "C1CCCCC1", "O=C=O"};
        for (int i = 0; i < rows; i++) {
          w.write("m" + i + "," + smiles[i % smiles.length] + "\n");
        }
      }
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T lookup(Dialog<?> d, String id, Class<T> type) {
    return type.cast(d.getDialogPane().lookup(id));
  }

  /**
   * With {@code -Dworkbench.console.screenshotCommand} (e.g. {@code import -window root "$SHOT"}, run by sh with
   * SHOT the file) the picture is taken of the real screen, window manager and dialogs included; otherwise of the
   * node, as the headless tour does.
   */
  private void snapshot(Node node, String name) {
    Path file = dir.resolve(name);
    String command = System.getProperty(SCREEN_COMMAND);
    if (command != null && !command.isBlank()) {
      ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).inheritIO();
      pb.environment().put("SHOT", file.toAbsolutePath().toString());
      try {
        int rc = pb.start().waitFor();
        if (rc != 0) {
          throw new IllegalStateException("screenshot command failed (" + rc + "): " + command);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      LOG.info("wrote {} from the screen", file);
      return;
    }
    fx(() -> {
      WritableImage image = node.snapshot(null, null);
      try {
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    });
    LOG.info("wrote {}", file);
  }

  /** Runs on the FX thread and waits for the answer (this tour is itself a background task). */
  private <T> T fx(Supplier<T> action) {
    CompletableFuture<T> f = new CompletableFuture<>();
    window.executor().ui(() -> {
      try {
        f.complete(action.get());
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    return f.join();
  }

  private static void waitFor(String what, Duration timeout, BooleanSupplier condition) {
    Instant end = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(end)) {
        throw new IllegalStateException("screenshots: timed out waiting for " + what);
      }
      pause(200);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
