package dev.workbench.console.view;

import atlantafx.base.theme.Styles;
import dev.workbench.console.service.ConnectionRequest;
import dev.workbench.console.viewmodel.ConnectionViewModel;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/** Top bar: pick the cloud (embedded local, endpoint URL, AWS profile + region), connect, see the connection. */
final class ConnectionBar extends HBox {
  /** {@code connect}: what the Connect button does (the window asks first when a connection is in use). */
  ConnectionBar(ConnectionViewModel vm, Runnable onConnect) {
    getStyleClass().add("connection-bar");
    setAlignment(Pos.CENTER_LEFT);
    ComboBox<ConnectionRequest.Kind> kind = new ComboBox<>(FXCollections.observableArrayList(ConnectionRequest.Kind.values()));
    kind.setId("connection-kind");
    kind.setConverter(new StringConverter<>() {
      @Override
      public String toString(ConnectionRequest.Kind k) {
        return k == null ? "" : switch (k) {
          case LOCAL -> "Embedded local cloud";
          case URL -> "Endpoint URL";
          case AWS -> "AWS profile";
        };
      }

      @Override
      public ConnectionRequest.Kind fromString(String s) { return ConnectionRequest.Kind.LOCAL; }
    });
    kind.valueProperty().bindBidirectional(vm.kindProperty());
    TextField url = field("connection-url", "http://127.0.0.1:4566", 220);
    url.textProperty().bindBidirectional(vm.endpointUrlProperty());
    TextField profile = field("connection-profile", "profile (default)", 130);
    profile.textProperty().bindBidirectional(vm.profileProperty());
    TextField region = field("connection-region", "region (default)", 110);
    region.textProperty().bindBidirectional(vm.regionProperty());
    showWhen(url, vm, ConnectionRequest.Kind.URL);
    showWhen(profile, vm, ConnectionRequest.Kind.AWS);
    showWhen(region, vm, ConnectionRequest.Kind.AWS);
    Button connect = new Button("Connect");
    connect.setId("connect");
    Mnemonics.mark(connect, 'n');
    connect.getStyleClass().add(Styles.ACCENT);
    connect.disableProperty().bind(vm.connectingProperty());
    connect.setOnAction(e -> onConnect.run());
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    Label title = new Label();
    title.setId("connection-state");
    title.getStyleClass().add("hint");
    Label current = new Label();
    current.setId("connection-current");
    current.getStyleClass().add("connection-current");
    current.textProperty().bind(vm.currentProperty());
    current.setMinWidth(Region.USE_PREF_SIZE);
    vm.stateProperty().addListener((o, was, now) -> state(title, current, now));
    state(title, current, vm.stateProperty().get());
    getChildren().addAll(kind, url, profile, region, connect, gap, title, current);
  }

  /** "Connected to" only once the cloud answered; a failed connect is shown as failed, in the danger colour. */
  private static void state(Label title, Label current, ConnectionViewModel.State state) {
    title.setText(switch (state) {
      case NOT_CONNECTED -> "Not connected";
      case CONNECTING -> "Connecting to:";
      case CONNECTED -> "Connected to:";
      case FAILED -> "Connection failed:";
    });
    current.getStyleClass().remove("connection-failed");
    if (state == ConnectionViewModel.State.FAILED) {
      current.getStyleClass().add("connection-failed");
    }
  }

  private static TextField field(String id, String prompt, double width) {
    TextField f = new TextField();
    f.setId(id);
    f.setPromptText(prompt);
    f.setPrefWidth(width);
    return f;
  }

  private static void showWhen(TextField f, ConnectionViewModel vm, ConnectionRequest.Kind kind) {
    f.visibleProperty().bind(vm.kindProperty().isEqualTo(kind));
    f.managedProperty().bind(f.visibleProperty());
  }
}
