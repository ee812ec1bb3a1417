package dev.workbench.console.view;

import dev.workbench.api.MetricPoint;
import dev.workbench.console.viewmodel.MetricSeries;
import dev.workbench.console.viewmodel.ScaleMark;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.shape.Line;
import javafx.scene.text.Text;
import javafx.util.StringConverter;
import org.jspecify.annotations.Nullable;

/**
 * One metric over clock time: its x-axis spans the range every chart of the endpoint shares (epoch milliseconds
 * labelled as times of day), scale events are dashed vertical lines, and hovering reads the nearest point's value.
 */
final class TimeChart extends LineChart<Number, Number> {
  private final NumberAxis x;
  private final ZoneId zone;
  private final Label readout = new Label();
  private final Line hover = new Line();
  private final List<Line> markLines = new ArrayList<>();
  private final List<Text> markTexts = new ArrayList<>();
  private List<ScaleMark> marks = List.of();
  private MetricSeries series;

  TimeChart(MetricSeries series, ZoneId zone) {
    super(new NumberAxis(), new NumberAxis());
    this.x = (NumberAxis) getXAxis();
    this.zone = zone;
    this.series = series;
    setId("chart-" + series.name());
    setLegendVisible(false);
    setAnimated(false);
    x.setAutoRanging(false);
    x.setMinorTickVisible(false);
    NumberAxis y = (NumberAxis) getYAxis();
    y.setForceZeroInRange(true);
    y.setMinorTickVisible(false);
    readout.getStyleClass().add("chart-readout");
    readout.setId("readout-" + series.name());
    readout.setManaged(false);
    readout.setVisible(false);
    readout.setMouseTransparent(true);
    hover.getStyleClass().add("hover-line");
    hover.setVisible(false);
    hover.setManaged(false);
    hover.setMouseTransparent(true);
    getChildren().add(readout);
    setOnMouseMoved(e -> hoverAt(e.getSceneX(), e.getSceneY()));
    setOnMouseExited(e -> {
      readout.setVisible(false);
      hover.setVisible(false);
    });
    show(series);
  }

  /** The shared axis range; ticks at a round step of clock time. */
  void range(Instant start, Instant end) {
    long span = Math.max(1, end.toEpochMilli() - start.toEpochMilli());
    x.setLowerBound(start.toEpochMilli());
    x.setUpperBound(end.toEpochMilli());
    x.setTickUnit(tick(Duration.ofMillis(span)).toMillis());
    DateTimeFormatter f = DateTimeFormatter.ofPattern(span > Duration.ofHours(20).toMillis() ? "MM-dd HH:mm" : "HH:mm");
    x.setTickLabelFormatter(new StringConverter<>() {
      @Override
      public String toString(Number n) {
        return f.format(Instant.ofEpochMilli(n.longValue()).atZone(zone));
      }

      @Override
      public Number fromString(String s) {
        throw new UnsupportedOperationException("the time axis is read-only");
      }
    });
  }

  /** A step of clock time giving about six ticks over the span. */
  static Duration tick(Duration span) {
    for (long minutes : new long[] {1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440}) {
      if (span.toMinutes() / minutes <= 7) {
        return Duration.ofMinutes(minutes);
      }
    }
    return Duration.ofDays(1);
  }

  /** Replaces the line's points (in place: the chart and its axis stay). */
  void show(MetricSeries s) {
    this.series = s;
    setTitle(s.title());
    List<XYChart.Data<Number, Number>> points = new ArrayList<>();
    MetricPoint previous = null;
    for (MetricPoint p : s.points()) {
      if (s.step() && previous != null) {
        points.add(new XYChart.Data<>(p.time().toEpochMilli(), previous.value())); // holds until the change
      }
      points.add(new XYChart.Data<>(p.time().toEpochMilli(), p.value()));
      previous = p;
    }
    setCreateSymbols(!s.step() && s.points().size() < 60);
    if (getData().isEmpty()) {
      XYChart.Series<Number, Number> line = new XYChart.Series<>();
      line.setName(s.name());
      line.getData().setAll(points);
      getData().add(line);
    } else {
      getData().get(0).getData().setAll(points);
    }
  }

  void marks(List<ScaleMark> fresh) {
    this.marks = List.copyOf(fresh);
    requestChartLayout();
  }

  @Override
  protected void layoutPlotChildren() {
    super.layoutPlotChildren();
    getPlotChildren().removeAll(markLines);
    getPlotChildren().removeAll(markTexts);
    getPlotChildren().remove(hover);
    markLines.clear();
    markTexts.clear();
    double top = 0;
    double bottom = getYAxis().getHeight();
    for (int i = 0; i < marks.size(); i++) {
      ScaleMark m = marks.get(i);
      double at = x.getDisplayPosition(m.at().toEpochMilli());
      Line l = new Line(at, top, at, bottom);
      l.getStyleClass().addAll("scale-mark", m.out() ? "scale-out" : "scale-in");
      l.setMouseTransparent(true);
      markLines.add(l);
      // labels of events seconds apart would print over each other: three rows, in turn
      Text t = new Text(at + 3, top + 11 + 12 * (i % 3), (m.out() ? "\u2191" : "\u2193") + m.desired());
      t.getStyleClass().add("scale-mark-label");
      t.setMouseTransparent(true);
      markTexts.add(t);
    }
    getPlotChildren().addAll(markLines);
    getPlotChildren().addAll(markTexts);
    getPlotChildren().add(hover);
  }

  private void hoverAt(double sceneX, double sceneY) {
    Point2D local = x.sceneToLocal(sceneX, sceneY);
    if (local == null || local.getX() < 0 || local.getX() > x.getWidth()) {
      readout.setVisible(false);
      hover.setVisible(false);
      return;
    }
    Instant t = Instant.ofEpochMilli(x.getValueForDisplay(local.getX()).longValue());
    MetricPoint p = nearestShown(t);
    if (p == null) {
      readout.setText("no data");
    } else {
      readout.setText(series.readout(p, zone));
      double at = x.getDisplayPosition(p.time().toEpochMilli());
      hover.setStartX(at);
      hover.setEndX(at);
      hover.setStartY(0);
      hover.setEndY(getYAxis().getHeight());
      hover.setVisible(true);
    }
    readout.autosize();
    Point2D inChart = sceneToLocal(sceneX, sceneY);
    double left = Math.min(Math.max(0, inChart.getX() + 10), getWidth() - readout.getWidth() - 4);
    readout.relocate(left, Math.max(0, inChart.getY() - readout.getHeight() - 8));
    readout.setVisible(true);
    readout.toFront();
  }

  /** For a step line the value in force at {@code t} (the last change before it); else the nearest point. */
  private @Nullable MetricPoint nearestShown(Instant t) {
    if (!series.step()) {
      return series.nearest(t);
    }
    MetricPoint inForce = null;
    for (MetricPoint p : series.points()) {
      if (!p.time().isAfter(t)) {
        inForce = p;
      }
    }
    return inForce == null ? null : new MetricPoint(t, inForce.value());
  }

  /** What the read-out says (tests). */
  String readoutText() {
    return readout.isVisible() ? readout.getText() : "";
  }
}
