package org.leasedesk.ui.interfaces;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.leasedesk.app.InterfaceDesk;
import org.leasedesk.app.Workbench;
import org.leasedesk.ui.common.Controls;
import org.leasedesk.ui.common.Dialogs;
import org.leasedesk.ui.common.FxBackground;
import org.leasedesk.ui.common.Icons;

/**
 * The Interfaces page: this machine's interfaces and who runs DHCP on each, the lease an interface
 * holds with countdowns to T1, T2 and expiry, and Release, Renew and Discover with the exchange
 * shown packet by packet as it happens. While a lab server runs, the page drives LeaseDesk's own
 * client against it on loopback instead, so nothing touches a real network.
 */
public final class InterfacesView extends BorderPane {

    private final Workbench workbench;
    private final ListView<InterfaceDesk.InterfaceRow> interfaces = new ListView<>();
    private final Label details = new Label();
    private final Label leaseAddress = new Label("—");
    private final Label t1 = new Label("—");
    private final Label t2 = new Label("—");
    private final Label expiry = new Label("—");
    private final Label comparison = new Label();
    private final Label message = new Label();
    private final ObservableList<InterfaceDesk.TimelineEntry> timeline = FXCollections.observableArrayList();
    private final ListView<InterfaceDesk.TimelineEntry> timelineList = new ListView<>(timeline);
    private final TextArea packetDetails = new TextArea();
    private final ListView<InterfaceDesk.ServerRow> servers = new ListView<>();
    private final Button release = Controls.button("interface-release", "Release", Icons.RELEASE, "Release the interface's lease",
            this::release);
    private final Button renew = Controls.button("interface-renew", "Renew", Icons.RENEW, "Renew the interface's lease", this::renew);
    private final Button discover = Controls.button("interface-discover", "Discover", Icons.DISCOVER,
            "Broadcast one DISCOVER and list every server that offers, without taking a lease", this::discover);
    private final javafx.animation.Timeline countdowns = new javafx.animation.Timeline();
    private InterfaceDesk desk;
    private Optional<InterfaceDesk.LeaseInfo> lease = Optional.empty();

    public InterfacesView(Workbench workbench) {
        this.workbench = workbench;
        getStyleClass().addAll("page", "interfaces-view");
        createView();
        workbench.addListener(new Workbench.Listener() {
            @Override
            public void serverStateChanged(Workbench.ServerState state) {
                Platform.runLater(InterfacesView.this::loadInterfaces);
            }
        });
        countdowns.getKeyFrames().setAll(new KeyFrame(javafx.util.Duration.seconds(1), e -> showCountdowns()));
        countdowns.setCycleCount(Animation.INDEFINITE);
        countdowns.play();
        loadInterfaces();
    }

    private void createView() {
        Label title = new Label("Interfaces");
        title.getStyleClass().add("page-title");
        message.setId("interfaces-message");
        message.setWrapText(true);
        setTop(new VBox(6, title, message));

        interfaces.setId("interfaces-list");
        interfaces.setPrefWidth(240);
        interfaces.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(InterfaceDesk.InterfaceRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.name() + (row.up() ? "" : " (down)") + "\n"
                        + (row.addresses().isEmpty() ? "no IPv4 address" : String.join(", ", row.addresses())) + "\n" + row.owner());
            }
        });
        interfaces.getSelectionModel().selectedItemProperty().addListener((o, before, row) -> showInterface(row));
        setLeft(interfaces);
        BorderPane.setMargin(interfaces, new Insets(10, 16, 0, 0));

        details.setId("interface-details");
        details.setWrapText(true);
        HBox actions = new HBox(8, release, renew, discover);
        actions.setAlignment(Pos.CENTER_LEFT);

        GridPane leasePane = new GridPane();
        leasePane.setHgap(12);
        leasePane.setVgap(4);
        leaseAddress.setId("lease-address");
        t1.setId("lease-t1");
        t2.setId("lease-t2");
        expiry.setId("lease-expiry");
        leasePane.addRow(0, new Label("Lease"), leaseAddress);
        leasePane.addRow(1, new Label("Renews (T1)"), t1);
        leasePane.addRow(2, new Label("Rebinds (T2)"), t2);
        leasePane.addRow(3, new Label("Expires"), expiry);
        comparison.setId("interface-comparison");
        comparison.setWrapText(true);

        timelineList.setId("exchange-timeline");
        timelineList.setPrefHeight(200);
        timelineList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(InterfaceDesk.TimelineEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                setText(empty || entry == null ? null : String.format(java.util.Locale.ROOT, "+%.3f s  %-8s %s  %s",
                        offset(entry), entry.direction(), entry.summary(), entry.peer()));
            }
        });
        timelineList.getSelectionModel().selectedItemProperty().addListener((o, before, entry) ->
                packetDetails.setText(entry == null ? "" : entry.details()));
        packetDetails.setId("exchange-details");
        packetDetails.setEditable(false);
        packetDetails.setPrefRowCount(6);
        packetDetails.setPromptText("Select a packet to see it decoded.");
        servers.setId("discovered-servers");
        servers.setPrefHeight(90);
        servers.setPlaceholder(new Label("Discover lists every server that answers here."));
        servers.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(InterfaceDesk.ServerRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : "Server " + row.serverIdentifier() + " offers " + row.offeredAddress()
                        + (row.leaseTime().isEmpty() ? "" : " for " + row.leaseTime()) + ", routers " + row.routers()
                        + ", DNS " + row.dnsServers());
            }
        });
        VBox centre = new VBox(10, details, actions, section("Current lease"), leasePane, comparison, section("Exchange"),
                timelineList, packetDetails, section("Servers found"), servers);
        VBox.setVgrow(timelineList, Priority.ALWAYS);
        setCenter(centre);
        BorderPane.setMargin(centre, new Insets(10, 0, 0, 0));
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.setStyle("-fx-font-weight: bold;");
        return label;
    }

    private double offset(InterfaceDesk.TimelineEntry entry) {
        Instant first = timeline.isEmpty() ? entry.at() : timeline.get(0).at();
        return Duration.between(first, entry.at()).toNanos() / 1e9;
    }

    private void loadInterfaces() {
        Optional<InterfaceDesk> lab = InterfaceDesk.forLab(workbench);
        desk = lab.orElseGet(() -> InterfaceDesk.forThisMachine(workbench));
        message.setText(desk.isLab() ? "A lab server runs: these buttons drive LeaseDesk's own client against it on loopback."
                : "Release and Renew act through whoever manages each interface.");
        InterfaceDesk current = desk;
        FxBackground.run(current::interfaces, rows -> {
            interfaces.getItems().setAll(rows);
            if (!rows.isEmpty()) {
                interfaces.getSelectionModel().select(0);
            }
        }, failure -> message.setText(Dialogs.messageOf(failure)));
    }

    private Optional<InterfaceDesk.InterfaceRow> selected() {
        return Optional.ofNullable(interfaces.getSelectionModel().getSelectedItem());
    }

    private void showInterface(InterfaceDesk.InterfaceRow row) {
        if (row == null) {
            return;
        }
        details.setText("MAC " + (row.macAddress().isEmpty() ? "none" : row.macAddress()) + " · "
                + (row.addresses().isEmpty() ? "no IPv4 address" : String.join(", ", row.addresses())) + "\nDHCP: " + row.owner()
                + " (" + row.evidence() + ")" + (row.carriesDefaultRoute() ? "\nCarries the default route." : ""));
        release.setTooltip(new Tooltip(row.releaseDescription()));
        renew.setTooltip(new Tooltip(row.renewDescription()));
        InterfaceDesk current = desk;
        FxBackground.run(() -> current.lease(row.name()), this::showLease, failure -> showLease(Optional.empty()));
    }

    private void showLease(Optional<InterfaceDesk.LeaseInfo> shown) {
        lease = shown;
        leaseAddress.setText(shown.map(l -> l.address() + l.server().map(s -> " from " + s).orElse("")).orElse("none"));
        showCountdowns();
    }

    private void showCountdowns() {
        Instant now = Instant.now();
        t1.setText(lease.flatMap(InterfaceDesk.LeaseInfo::renewAt).map(at -> until(at, now)).orElse("—"));
        t2.setText(lease.flatMap(InterfaceDesk.LeaseInfo::rebindAt).map(at -> until(at, now)).orElse("—"));
        expiry.setText(lease.flatMap(InterfaceDesk.LeaseInfo::expires).map(at -> until(at, now)).orElse("—"));
    }

    private static String until(Instant at, Instant now) {
        long seconds = Duration.between(now, at).toSeconds();
        return seconds < 0 ? "passed" : String.format(java.util.Locale.ROOT, "in %dh %02dm %02ds", seconds / 3600, seconds % 3600 / 60,
                seconds % 60);
    }

    private void release() {
        selected().ifPresent(row -> {
            if (row.carriesDefaultRoute() && !Dialogs.confirm(this, "Release " + row.name() + "?",
                    row.name() + " carries this machine's default route: releasing its lease may cut this session and others off"
                            + " the network until it is renewed.", "Release")) {
                return;
            }
            operate(row, "Release", () -> desk.release(row.name(), this::record));
        });
    }

    private void renew() {
        selected().ifPresent(row -> operate(row, "Renew", () -> desk.renew(row.name(), this::record)));
    }

    private void operate(InterfaceDesk.InterfaceRow row, String what, Callable<InterfaceDesk.Outcome> operation) {
        timeline.clear();
        comparison.setText(what + " on " + row.name() + "…");
        setBusy(true);
        FxBackground.run(operation, outcome -> {
            setBusy(false);
            comparison.setText(what + ": " + outcome.description() + "\nBefore: " + describe(outcome.before()) + "\nAfter:  "
                    + describe(outcome.after()));
            showLease(outcome.after());
        }, failure -> {
            setBusy(false);
            comparison.setText(what + " failed: " + Dialogs.messageOf(failure));
        });
    }

    private void discover() {
        selected().ifPresent(row -> {
            timeline.clear();
            setBusy(true);
            FxBackground.run(() -> desk.discover(row.name(), this::record), found -> {
                setBusy(false);
                servers.getItems().setAll(found);
                comparison.setText(found.size() + (found.size() == 1 ? " server answered." : " servers answered.")
                        + (found.size() > 1 ? " More than one server on a link is usually a mistake or a rogue server." : ""));
            }, failure -> {
                setBusy(false);
                comparison.setText("Discover failed: " + Dialogs.messageOf(failure));
            });
        });
    }

    private static String describe(Optional<InterfaceDesk.LeaseInfo> info) {
        return info.map(l -> l.address() + l.expires().map(e -> " until " + e).orElse("")).orElse("no lease");
    }

    /** Called on the client's thread for each packet: handed to the FX thread at once. */
    private void record(InterfaceDesk.TimelineEntry entry) {
        Platform.runLater(() -> timeline.add(entry));
    }

    private void setBusy(boolean busy) {
        List.of(release, renew, discover).forEach(b -> b.setDisable(busy));
    }
}
