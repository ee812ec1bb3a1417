package dev.workbench.console.viewmodel;

import dev.workbench.console.service.ConnectionRequest;
import dev.workbench.console.service.ConnectionService;
import dev.workbench.console.task.BackgroundTask;
import dev.workbench.console.task.TaskExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/** The connection bar: which cloud, and the connection in use (always shown). */
public final class ConnectionViewModel {
  /** What the bar says about the connection: "Connected to" only after a call to the cloud answered. */
  public enum State { NOT_CONNECTED, CONNECTING, CONNECTED, FAILED }

  private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.NOT_CONNECTED);
  private final ConsoleSettings settings;
  private final ConnectionService service;
  private final TaskExecutor executor;
  private final LogViewModel log;
  private final List<Runnable> onConnected = new ArrayList<>();
  private final ObjectProperty<ConnectionRequest.Kind> kind = new SimpleObjectProperty<>(ConnectionRequest.Kind.LOCAL);
  private final StringProperty endpointUrl = new SimpleStringProperty("http://127.0.0.1:4566");
  private final StringProperty profile = new SimpleStringProperty("");
  private final StringProperty region = new SimpleStringProperty("");
  private final StringProperty current = new SimpleStringProperty("");
  private final BooleanProperty connecting = new SimpleBooleanProperty();
  private final BooleanProperty connected = new SimpleBooleanProperty();
  private final BooleanProperty embedded = new SimpleBooleanProperty();
  private final boolean fastTiming;
  private final @Nullable Path dataDir;

  public ConnectionViewModel(ConnectionService service, TaskExecutor executor, LogViewModel log,
      boolean fastTiming, @Nullable Path dataDir, ConsoleSettings settings) {
    this.service = service;
    this.settings = settings;
    this.executor = executor;
    this.log = log;
    this.fastTiming = fastTiming;
    this.dataDir = dataDir;
    // the embedded local cloud is the default unless AWS credentials are configured
    kind.set(ConnectionService.awsCredentialsConfigured() ? ConnectionRequest.Kind.AWS : ConnectionRequest.Kind.LOCAL);
    // ...or the last connection that worked (command-line options, applied after this, win over both)
    ConnectionRequest.Kind last = settings.connectionKind();
    if (last != null) {
      kind.set(last);
      restore(endpointUrl, "url");
      restore(profile, "profile");
      restore(region, "region");
    }
  }

  private void restore(StringProperty field, String name) {
    String v = settings.connection(name);
    if (v != null) {
      field.set(v);
    }
  }

  public ObjectProperty<State> stateProperty() { return state; }

  public ObjectProperty<ConnectionRequest.Kind> kindProperty() { return kind; }

  public StringProperty endpointUrlProperty() { return endpointUrl; }

  public StringProperty profileProperty() { return profile; }

  public StringProperty regionProperty() { return region; }

  /** The connection in use, e.g. "embedded local cloud at http://127.0.0.1:40123". */
  public StringProperty currentProperty() { return current; }

  public BooleanProperty connectingProperty() { return connecting; }

  public BooleanProperty connectedProperty() { return connected; }

  /** The connection in use runs the embedded local cloud: connecting again restarts it. */
  public BooleanProperty embeddedProperty() { return embedded; }

  /** Runs (on the UI thread) after every successful connect: other screens reload. */
  public void onConnected(Runnable action) { onConnected.add(action); }

  public void connect() {
    ConnectionRequest request = switch (kind.get()) {
      case LOCAL -> ConnectionRequest.local(fastTiming, dataDir);
      case URL -> new ConnectionRequest(ConnectionRequest.Kind.URL, endpointUrl.get(), null, null, false, dataDir);
      case AWS -> new ConnectionRequest(ConnectionRequest.Kind.AWS, null, profile.get(), region.get(), false, dataDir);
    };
    connecting.set(true);
    String before = connected.get() ? current.get() : null;
    state.set(State.CONNECTING);
    current.set(describe(request) + "...");
    executor.execute(BackgroundTask.of("connect", p -> service.connect(request))
        .onSuccess(session -> {
          String label = session.label();
          embedded.set(session.isEmbedded());
          current.set(label);
          connected.set(true);
          state.set(State.CONNECTED);
          settings.connection(request.kind(), endpointUrl.get(), profile.get(), region.get());
          log.info("connected: " + label);
          onConnected.forEach(Runnable::run);
        })
        .onFailure(e -> {
          // the service keeps the previous connection open when a new one fails: say both
          state.set(State.FAILED);
          current.set(describe(request) + (before == null ? "" : " (still using " + before + ")"));
          log.error("connect to " + describe(request), e);
        })
        .onFinished(() -> connecting.set(false)));
  }

  private static String describe(ConnectionRequest r) {
    return switch (r.kind()) {
      case LOCAL -> "the embedded local cloud";
      case URL -> String.valueOf(r.endpointUrl());
      case AWS -> "AWS";
    };
  }
}
