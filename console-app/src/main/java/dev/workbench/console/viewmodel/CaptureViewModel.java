package dev.workbench.console.viewmodel;

import dev.workbench.api.Frame;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.task.BackgroundTask;
import dev.workbench.console.task.TaskExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint's data-capture records of the last day, newest first, a page at a time (a busy endpoint captures
 * thousands), and the full request and response of the record picked.
 */
public final class CaptureViewModel {
  public static final int PAGE_SIZE = 50;
  private static final Duration SINCE = Duration.ofDays(1);

  private final EndpointService service;
  private final TaskExecutor executor;
  private final LogViewModel log;
  private final ObservableList<String> columns = FXCollections.observableArrayList();
  private final ObservableList<List<@Nullable String>> page = FXCollections.observableArrayList();
  private final IntegerProperty pageIndex = new SimpleIntegerProperty();
  private final IntegerProperty pages = new SimpleIntegerProperty();
  private final StringProperty status = new SimpleStringProperty("");
  private final ObjectProperty<@Nullable List<@Nullable String>> selected = new SimpleObjectProperty<>();
  private final StringProperty detail = new SimpleStringProperty("");
  private final StringProperty request = new SimpleStringProperty("");
  private final StringProperty response = new SimpleStringProperty("");
  private List<List<@Nullable String>> records = List.of();
  private String endpoint = "";

  public CaptureViewModel(EndpointService service, TaskExecutor executor, LogViewModel log) {
    this.service = service;
    this.executor = executor;
    this.log = log;
    pageIndex.addListener((o, a, b) -> showPage());
    selected.addListener((o, a, b) -> showDetail(b));
  }

  public ObservableList<String> columns() { return columns; }

  /** The records of the page shown, newest first. */
  public ObservableList<List<@Nullable String>> page() { return page; }

  /** 0-based. */
  public IntegerProperty pageIndexProperty() { return pageIndex; }

  public IntegerProperty pagesProperty() { return pages; }

  public StringProperty statusProperty() { return status; }

  /** The record picked in the table; its payloads fill the detail. */
  public ObjectProperty<@Nullable List<@Nullable String>> selectedProperty() { return selected; }

  /** Time, event id and content types of the picked record. */
  public StringProperty detailProperty() { return detail; }

  /** The full request payload of the picked record, as captured. */
  public StringProperty requestProperty() { return request; }

  public StringProperty responseProperty() { return response; }

  public BooleanBinding hasNewer() { return pageIndex.greaterThan(0); }

  public BooleanBinding hasOlder() { return Bindings.createBooleanBinding(() -> pageIndex.get() + 1 < pages.get(),
      pageIndex, pages); }

  public void newer() {
    if (pageIndex.get() > 0) {
      pageIndex.set(pageIndex.get() - 1);
    }
  }

  public void older() {
    if (pageIndex.get() + 1 < pages.get()) {
      pageIndex.set(pageIndex.get() + 1);
    }
  }

  /** Another endpoint: what is shown belongs to the previous one, so it goes. */
  public void clear() {
    records = List.of();
    columns.clear();
    page.clear();
    pages.set(0);
    pageIndex.set(0);
    status.set("");
  }

  /** Reads the endpoint's records again; the page shown stays when it still exists. */
  public void load(String name) {
    if (name == null || name.isBlank()) {
      return;
    }
    status.set("reading data capture of " + name + "...");
    executor.execute(BackgroundTask.of("capture of " + name, p -> service.capture(name, SINCE))
        .onSuccess(f -> show(name, f))
        .onFailure(e -> {
          status.set("could not read data capture: " + e.getMessage());
          log.error("reading data capture of " + name, e);
        }));
  }

  /** Applies a capture frame (time order, as read) for {@code name}. */
  public void show(String name, Frame f) {
    boolean same = name.equals(endpoint);
    endpoint = name;
    List<List<@Nullable String>> rows = new ArrayList<>(f.rowCount());
    f.forEach(r -> rows.add(r.values()));
    Collections.reverse(rows); // newest first: what was just sent is what one looks for
    records = rows;
    if (!columns.equals(f.columns())) {
      columns.setAll(f.columns());
    }
    pages.set(Math.max(1, (rows.size() + PAGE_SIZE - 1) / PAGE_SIZE));
    int keep = same ? Math.min(pageIndex.get(), pages.get() - 1) : 0;
    if (keep == pageIndex.get()) {
      showPage();
    } else {
      pageIndex.set(keep);
    }
  }

  private void showPage() {
    int from = Math.min(records.size(), pageIndex.get() * PAGE_SIZE);
    int to = Math.min(records.size(), from + PAGE_SIZE);
    page.setAll(records.subList(from, to));
    status.set(records.isEmpty() ? "0 captured record(s)"
        : String.format(java.util.Locale.ROOT, "records %d-%d, page %d of %d, newest first; %d captured record(s)",
            from + 1, to, pageIndex.get() + 1, pages.get(), records.size()));
  }

  private void showDetail(@Nullable List<@Nullable String> record) {
    if (record == null) {
      detail.set("");
      request.set("");
      response.set("");
      return;
    }
    request.set(value(record, "input"));
    response.set(value(record, "output"));
    detail.set(value(record, "time") + "  event " + value(record, "event_id") + "  request "
        + value(record, "input_content_type") + ", response " + value(record, "output_content_type"));
  }

  private String value(List<@Nullable String> record, String column) {
    int at = columns.indexOf(column);
    String v = at < 0 || at >= record.size() ? null : record.get(at);
    return v == null ? "" : v;
  }
}
