package org.leasedesk.ui.setup;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.leasedesk.app.DesktopSettings;
import org.leasedesk.app.ServerSetup;
import org.leasedesk.app.Workbench;
import org.leasedesk.app.lab.LabSettings;
import org.leasedesk.ui.common.FxBackground;
import org.leasedesk.ui.common.Icons;
import org.leasedesk.ui.common.ServerStatus;

/**
 * The first start: choose an interface and get a subnet and pool suggested from its address, with
 * a plain warning that a server there answers real clients; write the configuration and start it,
 * or run the lab instead, where nothing leaves the machine.
 */
public final class SetupView extends VBox {

    private final Workbench workbench;
    private final ServerStatus status;
    private final DesktopSettings settings;
    private final Runnable onFinished;
    private final ServerSetup setup = new ServerSetup();
    private final ComboBox<ServerSetup.Candidate> interfaces = new ComboBox<>();
    private final Label subnet = new Label("–");
    private final Label pool = new Label("–");
    private final Label message = new Label();
    private final Button write = new Button("Write configuration", Icons.SAVE.create());
    private final Button start = new Button("Start server", Icons.START.create());
    private final Button lab = new Button("Use the lab instead", Icons.LAB.create());
    private final BooleanProperty configured = new SimpleBooleanProperty();
    private ServerSetup.Proposal proposal;

    /**
     * @param candidates lists the interfaces to offer; called in the background
     * @param onFinished called once the lab or a server started, to close the dialog
     */
    public SetupView(Workbench workbench, ServerStatus status, DesktopSettings settings,
                     Callable<List<ServerSetup.Candidate>> candidates, Runnable onFinished) {
        this.workbench = workbench;
        this.status = status;
        this.settings = settings;
        this.onFinished = onFinished;
        getStylesheets().add(Objects.requireNonNull(SetupView.class.getResource("/org/leasedesk/ui/setup.css")).toExternalForm());
        getStyleClass().add("setup");
        setId("setup");
        createView();
        FxBackground.run(candidates, found -> {
            interfaces.getItems().setAll(found);
            if (found.isEmpty()) {
                message.setText("This machine has no interface with an IPv4 address to serve. The lab works without one.");
            } else {
                interfaces.getSelectionModel().selectFirst();
            }
        }, failure -> message.setText("The interfaces cannot be listed: " + failure.getMessage()));
    }

    public SetupView(Workbench workbench, ServerStatus status, DesktopSettings settings, Runnable onFinished) {
        this(workbench, status, settings, new ServerSetup()::candidates, onFinished);
    }

    private void createView() {
        Label title = new Label("Set up LeaseDesk");
        title.getStyleClass().add("title");
        Label intro = new Label("LeaseDesk has no server configuration yet. Pick the network interface a DHCP server should serve;"
                + " a subnet and an address pool are suggested from the interface's own address.");
        intro.setWrapText(true);
        // A wrapped label in a dialog keeps its one-line height unless told to grow (seen at 125 % scaling).
        intro.setMinHeight(Region.USE_PREF_SIZE);
        Label warning = new Label("Starting a server on that interface answers real clients on that network: computers, phones"
                + " and printers that ask for an address may get one from LeaseDesk instead of your router. Do it only on a network"
                + " you run and where no other DHCP server answers. Serving needs root or cap_net_bind_service.");
        warning.setWrapText(true);
        warning.setMinHeight(Region.USE_PREF_SIZE);
        warning.getStyleClass().add("warning");
        warning.setId("setup-warning");

        interfaces.setId("setup-interface");
        interfaces.setTooltip(new Tooltip("The interface whose network the server will answer on"));
        interfaces.setPromptText("Looking for interfaces…");
        interfaces.valueProperty().addListener((observable, before, chosen) -> propose(chosen));
        subnet.setId("setup-subnet");
        pool.setId("setup-pool");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("grid");
        grid.addRow(0, new Label("Interface"), interfaces);
        grid.addRow(1, new Label("Subnet"), subnet);
        grid.addRow(2, new Label("Address pool"), pool);

        write.setId("setup-write");
        write.setTooltip(new Tooltip("Check the configuration with the server's loader and write it to "
                + workbench.configurationFile()));
        write.setDisable(true);
        write.setOnAction(event -> writeConfiguration());
        start.setId("setup-start");
        start.setTooltip(new Tooltip("Start the DHCP server on the chosen interface: it answers real clients"));
        configured.set(workbench.hasConfiguration());
        // A server may be started elsewhere (the dashboard's lab bar) while this dialog is open.
        start.disableProperty().bind(status.busy().or(configured.not()));
        start.setOnAction(event -> startServer());
        lab.setId("setup-lab");
        lab.setTooltip(new Tooltip("Run a server on 127.0.0.1 with a simulated client fleet: nothing leaves this machine"));
        lab.disableProperty().bind(status.busy());
        lab.setOnAction(event -> startLab());
        HBox actions = new HBox(write, start, lab);
        actions.getStyleClass().add("actions");
        actions.setAlignment(Pos.CENTER_LEFT);
        message.setId("setup-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(title, intro, grid, warning, actions, message);
    }

    private void propose(ServerSetup.Candidate chosen) {
        proposal = null;
        write.setDisable(true);
        if (chosen == null) {
            return;
        }
        try {
            proposal = ServerSetup.propose(chosen);
            subnet.setText(proposal.subnet().toString());
            pool.setText(proposal.pool().first() + " – " + proposal.pool().last() + " (" + proposal.pool().size() + " addresses)");
            write.setDisable(false);
            message.setText("");
        } catch (IllegalArgumentException e) {
            subnet.setText("–");
            pool.setText("–");
            message.setText(e.getMessage());
        }
    }

    private void writeConfiguration() {
        ServerSetup.Proposal chosen = proposal;
        FxBackground.run(() -> setup.write(chosen, workbench.configurationFile()), file -> {
            message.setText("Written to " + file + ". Start the server when you are ready.");
            configured.set(true);
        }, failure -> message.setText("Not written: " + failure.getMessage()));
    }

    private void startServer() {
        starting(workbench.startConfigured(java.util.Optional.of(settings.historyRetention()), settings.sampleInterval()),
                "The server");
    }

    private void startLab() {
        starting(workbench.startLab(LabSettings.DEFAULTS), "The lab");
    }

    /** Closes the setup once serving, else says why not; the buttons follow the server's state meanwhile. */
    private void starting(java.util.concurrent.CompletableFuture<Workbench.ServerState> started, String what) {
        FxBackground.whenDone(started, state -> {
            if (state instanceof Workbench.Failed failed) {
                message.setText(what + " did not start: " + failed.reason());
            } else {
                onFinished.run();
            }
        }, failure -> message.setText(what + " did not start: " + failure.getMessage()));
    }
}
