package org.leasedesk.ui.pools;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.leasedesk.app.ConfigDocument;
import org.leasedesk.app.ConfigDocument.SubnetField;
import org.leasedesk.app.ConfigIssue;
import org.leasedesk.app.LeaseAdministration;
import org.leasedesk.app.ReservationMatch;
import org.leasedesk.app.Workbench;
import org.leasedesk.lease.AddressMap;
import org.leasedesk.lease.HostIdentifier;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import static org.leasedesk.ui.common.Controls.button;

import org.leasedesk.ui.common.Dialogs;
import org.leasedesk.ui.common.FxBackground;
import org.leasedesk.ui.common.Icons;

/**
 * The Pools page: the server's subnets (added and removed here too), pools, reservations, options
 * and lease times, per subnet and for every subnet at once, edited in a working copy and checked by
 * the server's own loader as the admin types, each problem shown under its field. Apply saves the
 * file atomically and reloads the running server; Revert drops the edits. It edits the running
 * server's file, else the desktop's configuration when there is one. A second tab holds a heat
 * map of the chosen pool, one cell per address.
 */
public final class PoolsView extends BorderPane {

    /** Error paths of the subnet form start so; the others belong to the global form. */
    private static final String SUBNET_PATH = "Dhcp4/subnet4[";
    private static final String FLEX_ID_NOTE = "flex-id is computed by Kea's flex_id hook, which LeaseDesk does not have: the"
            + " reservation stays in the file for Kea but matches no client of this server.";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final Workbench workbench;
    private final LeaseAdministration administration;
    private final ListView<ConfigDocument.SubnetEntry> subnets = new ListView<>();
    private final VBox globalForm = new VBox(10);
    private final VBox form = new VBox(10);
    private final Label problems = new Label();
    private final Label message = new Label();
    private final Map<String, Label> errorLabels = new HashMap<>();
    /** The sentence of each reservation filled with "Reserve for a client…", by identifier: shown while its row keeps that identifier. */
    private final Map<String, String> matchNotes = new HashMap<>();
    private final PauseTransition checkSoon = new PauseTransition(Duration.millis(200));
    private final ComboBox<String> poolChoice = new ComboBox<>();
    private final AddressGrid grid = new AddressGrid(520, 300);
    private final Label gridSummary = new Label();
    private final Label detail = new Label("Click an address to see who holds it and its latest history.");
    private final Button removeSubnet = button("subnet-remove", "Remove", Icons.REMOVE,
            "Remove the selected subnet: once applied, the server stops answering clients there", this::removeSubnet);
    private ConfigDocument original;
    private ConfigDocument working;
    private int selectedSubnet = -1;
    /** Whether the admin accepted, for the file loaded, that saving drops its comments. */
    private boolean commentsAccepted;

    public PoolsView(Workbench workbench) {
        this.workbench = workbench;
        this.administration = new LeaseAdministration(workbench);
        getStyleClass().addAll("page", "pools-view");
        getStylesheets().add(Objects.requireNonNull(getClass().getResource("/org/leasedesk/ui/pools.css")).toExternalForm());
        createView();
        initListeners();
        load();
    }

    private void createView() {
        Label title = new Label("Pools");
        title.getStyleClass().add("page-title");
        Button apply = button("pools-apply", "Apply", Icons.APPLY,
                "Check, save the configuration file and apply it to the running server, atomically", this::apply);
        apply.getStyleClass().add("accent");
        Button revert = button("pools-revert", "Revert", Icons.REVERT, "Drop every edit since the last apply", this::revert);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, spacer, revert, apply);
        header.setAlignment(Pos.CENTER_LEFT);
        message.setId("pools-message");
        message.setWrapText(true);
        message.getStyleClass().add("pools-message");
        setTop(new VBox(6, header, message));

        subnets.setId("pools-subnets");
        subnets.setPrefWidth(220);
        subnets.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ConfigDocument.SubnetEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                setText(empty || entry == null ? null : "Subnet " + entry.id() + "\n" + entry.subnet());
            }
        });
        subnets.getSelectionModel().selectedIndexProperty().addListener((o, before, index) -> {
            if (index.intValue() >= 0 && index.intValue() != selectedSubnet) {
                selectedSubnet = index.intValue();
                buildForm();
                refreshGrid();
            }
        });
        Button addSubnet = button("subnet-add", "Add", Icons.ADD, "Add a subnet with the next free id; fill in its prefix and pool",
                this::addSubnet);
        removeSubnet.disableProperty().bind(subnets.getSelectionModel().selectedItemProperty().isNull());
        VBox left = new VBox(8, subnets, new HBox(6, addSubnet, removeSubnet));
        VBox.setVgrow(subnets, Priority.ALWAYS);
        setLeft(left);
        BorderPane.setMargin(left, new Insets(10, 16, 0, 0));

        problems.setId("pools-problems");
        problems.setWrapText(true);
        problems.getStyleClass().add("pools-problems");
        ScrollPane scroll = new ScrollPane(new VBox(12, globalForm, new Separator(), form, problems));
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        // Form and map side by side left the form 150 pixels in a 1200-pixel window: one tab each.
        Tab configuration = new Tab("Configuration", scroll);
        Tab map = new Tab("Address map", createHeatMap());
        TabPane tabs = new TabPane(configuration, map);
        tabs.setId("pools-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        configuration.setTooltip(new Tooltip("The selected subnet's settings and those of every subnet"));
        map.setTooltip(new Tooltip("One cell per address of the chosen pool, coloured by state; click one for its holder"));
        setCenter(tabs);
        BorderPane.setMargin(tabs, new Insets(10, 0, 0, 0));
    }

    private VBox createHeatMap() {
        poolChoice.setId("heatmap-pool");
        poolChoice.setTooltip(new Tooltip("The pool whose addresses are shown"));
        poolChoice.valueProperty().addListener((o, before, after) -> refreshGrid());
        Button refresh = button("heatmap-refresh", "", Icons.RENEW, "Read the pool's addresses again", this::refreshGrid);
        FlowPane legend = new FlowPane(10, 4);
        AddressGrid.COLOURS.forEach((state, colour) -> {
            Region swatch = new Region();
            swatch.setMinSize(12, 12);
            swatch.setStyle("-fx-background-color: " + web(colour) + "; -fx-background-radius: 2;");
            Label label = new Label(state.name().charAt(0) + state.name().substring(1).toLowerCase(Locale.ROOT), swatch);
            legend.getChildren().add(label);
        });
        grid.onAddressClicked(this::explain);
        gridSummary.setId("heatmap-summary");
        gridSummary.getStyleClass().add("page-purpose");
        // Wrapped to the map's width: one long summary line once pushed Apply out of the window.
        gridSummary.setWrapText(true);
        gridSummary.setMaxWidth(520);
        detail.setId("heatmap-detail");
        detail.setWrapText(true);
        detail.setMaxWidth(520);
        VBox box = new VBox(8, new HBox(8, poolChoice, refresh), legend, grid, gridSummary, detail);
        box.getStyleClass().add("heatmap");
        return box;
    }

    private static String web(javafx.scene.paint.Color colour) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) (colour.getRed() * 255), (int) (colour.getGreen() * 255),
                (int) (colour.getBlue() * 255));
    }


    private void initListeners() {
        checkSoon.setOnFinished(e -> check());
        workbench.addListener(new Workbench.Listener() {
            @Override
            public void serverStateChanged(Workbench.ServerState state) {
                Platform.runLater(PoolsView.this::load);
            }
        });
    }

    /**
     * Reads the running server's configuration file, else the desktop's configuration (saved then,
     * and served from the next start); with neither there is nothing to edit here.
     */
    private void load() {
        boolean serving = workbench.state() instanceof Workbench.Serving;
        Path file = workbench.state() instanceof Workbench.Serving running ? running.running().config()
                : workbench.configurationFile();
        FxBackground.run(() -> serving || workbench.hasConfiguration() ? Optional.of(ConfigDocument.read(file)) : Optional.<ConfigDocument>empty(),
                found -> found.ifPresentOrElse(document -> {
                    original = document;
                    working = document.copy();
                    matchNotes.clear();
                    commentsAccepted = false;
                    showSubnets(0);
                    say("Editing " + file + ". Apply saves the file" + (serving ? " and the server applies it at once." : "; the"
                            + " server reads it when started.") + (document.commented() ? " This file has comments: saving writes"
                            + " plain JSON without them, and keeps the commented file as " + document.commentedCopy().getFileName()
                            + "." : ""));
                }, () -> {
                    original = null;
                    working = null;
                    subnets.getItems().clear();
                    globalForm.getChildren().clear();
                    form.getChildren().setAll(new Label("No configuration yet: run the setup (Start server in the status bar)"
                            + " or start the lab, then edit its subnets here."));
                }), failure -> say("Cannot read " + file + ": " + Dialogs.messageOf(failure)));
    }

    private void showSubnets(int select) {
        List<ConfigDocument.SubnetEntry> entries = working.subnets();
        selectedSubnet = -1;
        subnets.getItems().setAll(entries);
        buildGlobalForm();
        if (!entries.isEmpty()) {
            subnets.getSelectionModel().select(Math.min(select, entries.size() - 1));
        } else {
            form.getChildren().setAll(new Label("The configuration has no subnet: Add one."));
            check();
        }
    }

    /** Lease times and options every subnet inherits unless it sets its own. */
    private void buildGlobalForm() {
        errorLabels.keySet().removeIf(path -> !path.startsWith(SUBNET_PATH));
        GridPane fields = new GridPane();
        fields.setHgap(10);
        fields.setVgap(2);
        int row = 0;
        for (SubnetField field : SubnetField.values()) {
            if (field.global()) {
                row = addField(fields, row, "global-" + field.key(), working.globalText(field), "server default",
                        text -> working.setGlobal(field, text), ConfigDocument.pathOfGlobal(field), field);
            }
        }
        Label heading = new Label("Every subnet");
        heading.getStyleClass().add("section-title");
        Label purpose = new Label("Lease times and options a subnet uses unless it sets its own.");
        purpose.getStyleClass().add("page-purpose");
        VBox options = options("global-option", "Add an option every subnet gets (domain-name-servers, ntp-servers, ...)",
                working.globalOptions(), ConfigDocument::pathOfGlobalOption, working::setGlobalOption, working::addGlobalOption,
                working::removeGlobalOption, this::structuralGlobal);
        globalForm.getChildren().setAll(heading, purpose, fields, options);
    }

    /** The form of the selected subnet; rebuilt only when rows are added or removed, never while typing. */
    private void buildForm() {
        errorLabels.keySet().removeIf(path -> path.startsWith(SUBNET_PATH));
        ConfigDocument.SubnetEntry subnet = working.subnets().get(selectedSubnet);
        int s = subnet.index();
        GridPane fields = new GridPane();
        fields.setHgap(10);
        fields.setVgap(2);
        int row = 0;
        for (SubnetField field : SubnetField.values()) {
            row = addField(fields, row, "subnet-" + field.key(), subnet.text(field),
                    field == SubnetField.SUBNET ? "192.0.2.0/24" : field.global() ? "inherited" : "",
                    text -> working.set(s, field, text), ConfigDocument.pathOf(s, field), field);
        }

        VBox pools = section("Pools", "pool-add", "Add a pool to this subnet", () -> structural(() -> working.addPool(s, "")));
        for (int p = 0; p < subnet.pools().size(); p++) {
            int pool = p;
            TextField range = new TextField(subnet.pools().get(p));
            range.setId("pool-" + p);
            range.setPromptText("192.0.2.10 - 192.0.2.200 or 192.0.2.64/26");
            range.setPrefColumnCount(24);
            range.textProperty().addListener((o, before, after) -> edited(() -> working.setPool(s, pool, after)));
            pools.getChildren().addAll(row(range, remove("pool-remove-" + p, () -> working.removePool(s, pool))),
                    error(ConfigDocument.pathOfPool(s, p)));
        }

        Button forClient = button("reservation-for-client", "Reserve for a client…", Icons.RESERVE,
                "Pick a client holding a lease in this subnet: the new row names it by the identifier the server will match",
                () -> reserveForClient(s, subnet.id()));
        forClient.getStyleClass().add("flat");
        VBox reservations = section("Reservations", "reservation-add", "Reserve an address for a client you name by its identifier",
                () -> structural(() -> working.addReservation(s, new ConfigDocument.ReservationEntry(HostIdentifier.Type.HW_ADDRESS,
                        "", "", ""))), forClient);
        if (!subnet.reservations().isEmpty()) {
            reservations.getChildren().add(reservationTable(s, subnet.reservations()));
        }

        VBox options = options("option", "Add an option to this subnet (routers, domain-name-servers, ...)", subnet.options(),
                option -> ConfigDocument.pathOfOption(s, option), (option, entry) -> working.setOption(s, option, entry),
                entry -> working.addOption(s, entry), option -> working.removeOption(s, option), this::structural);
        Label heading = new Label("Subnet " + subnet.id());
        heading.getStyleClass().add("section-title");
        form.getChildren().setAll(heading, fields, pools, reservations, options);
        poolChoice.getItems().setAll(subnet.pools().stream().map(p -> "Pool " + (subnet.pools().indexOf(p) + 1) + ": " + p).toList());
        if (!poolChoice.getItems().isEmpty()) {
            poolChoice.getSelectionModel().select(0);
        }
        check();
    }

    /**
     * The reservation rows under their column headings: the identifier's type and value, address
     * and host name, each row with its error line and a note under it (how the server matches a
     * client picked with "Reserve for a client…", or that flex-id needs Kea's hook).
     */
    private GridPane reservationTable(int s, List<ConfigDocument.ReservationEntry> entries) {
        GridPane table = new GridPane();
        table.setId("reservations");
        table.setHgap(6);
        table.setVgap(2);
        table.addRow(0, Stream.of("Identifier", "Value", "Address", "Host name").map(PoolsView::columnHeading).toArray(Node[]::new));
        for (int r = 0; r < entries.size(); r++) {
            int index = r;
            ConfigDocument.ReservationEntry entry = entries.get(r);
            ComboBox<HostIdentifier.Type> type = identifierChoice("reservation-type-" + r, entry.type());
            TextField value = field("reservation-value-" + r, entry.value(), promptOf(entry.type()));
            value.setPrefColumnCount(18);
            TextField address = field("reservation-address-" + r, entry.ipAddress(), "192.0.2.5");
            address.setPrefColumnCount(11);
            TextField hostname = field("reservation-hostname-" + r, entry.hostname(), "host name");
            hostname.setPrefColumnCount(10);
            Label note = new Label();
            note.setId("reservation-note-" + r);
            note.getStyleClass().add("reservation-note");
            note.setWrapText(true);
            Runnable write = () -> {
                working.setReservation(s, index, new ConfigDocument.ReservationEntry(type.getValue(), value.getText(), address.getText(),
                        hostname.getText()));
                showNote(note, type.getValue(), value.getText());
            };
            type.valueProperty().addListener((o, before, after) -> {
                value.setPromptText(promptOf(after));
                edited(write);
            });
            List.of(value, address, hostname).forEach(f -> f.textProperty().addListener((o, b, a) -> edited(write)));
            showNote(note, entry.type(), entry.value());
            int row = 1 + 2 * r;
            table.addRow(row, type, value, address, hostname, remove("reservation-remove-" + r, () -> working.removeReservation(s, index)));
            table.add(new VBox(2, error(ConfigDocument.pathOfReservation(s, r)), note), 0, row + 1, 4, 1);
        }
        return table;
    }

    private static Label columnHeading(String text) {
        Label heading = new Label(text);
        heading.getStyleClass().add("column-heading");
        return heading;
    }

    private static ComboBox<HostIdentifier.Type> identifierChoice(String id, HostIdentifier.Type type) {
        ComboBox<HostIdentifier.Type> choice = new ComboBox<>(FXCollections.observableArrayList(HostIdentifier.Type.values()));
        choice.setId(id);
        choice.setValue(type);
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(HostIdentifier.Type shown) {
                return shown == null ? "" : shown.keaName();
            }

            @Override
            public HostIdentifier.Type fromString(String text) {
                return HostIdentifier.Type.byKeaName(text).orElse(null);
            }
        });
        choice.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(HostIdentifier.Type item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null
                        : item == HostIdentifier.Type.FLEX_ID ? item.keaName() + " (needs Kea's flex_id hook)" : item.keaName());
            }
        });
        choice.setTooltip(new Tooltip("What the server recognises the client by: hw-address (its MAC), client-id (option 61),"
                + " duid (inside a client-id of type 255), circuit-id (its relay's option 82) or flex-id (Kea's flex_id hook)"));
        return choice;
    }

    /** What the value field asks for, as the loader reads each identifier. */
    private static String promptOf(HostIdentifier.Type type) {
        return switch (type) {
            case HW_ADDRESS -> "MAC aa:bb:cc:dd:ee:ff";
            case CLIENT_ID -> "01:aa:bb:cc:dd:ee:ff or 'text'";
            case DUID -> "00:03:00:01:aa:bb:cc:dd:ee:ff";
            case CIRCUIT_ID -> "00:01:02 or 'port-7'";
            case FLEX_ID -> "hex or 'text' as the flex_id hook computes it";
        };
    }

    /** The note under a reservation row: flex-id's limit, or how the server matches the client the row was filled for. */
    private void showNote(Label note, HostIdentifier.Type type, String value) {
        String text = type == HostIdentifier.Type.FLEX_ID ? FLEX_ID_NOTE : matchNotes.getOrDefault(noteKey(type, value), "");
        note.setText(text);
        note.setVisible(!text.isEmpty());
        note.setManaged(!text.isEmpty());
    }

    private static String noteKey(HostIdentifier.Type type, String value) {
        return type.keaName() + "=" + value.strip().toLowerCase(Locale.ROOT);
    }

    /** Asks which of the subnet's current clients to reserve for (their leases are read off the FX thread). */
    private void reserveForClient(int subnet, long subnetId) {
        FxBackground.whenDone(administration.currentClients(subnetId), clients -> {
            if (working == null || selectedSubnet != subnet) {
                return;
            }
            if (clients.isEmpty()) {
                say("No client holds a lease in subnet " + subnetId + " now: Add a reservation and type the client's identifier.");
                return;
            }
            Dialogs.choose(this, "Reserve an address in subnet " + subnetId + " for which client?", clients, PoolsView::describeClient,
                    lease -> working.matchOf(lease).sentence(), "Reserve").ifPresent(lease -> reserveFor(subnet, lease));
        }, failure -> say("The subnet's clients are not available: " + Dialogs.messageOf(failure)));
    }

    private static String describeClient(Lease lease) {
        return lease.address() + "   " + (lease.hostname().isEmpty() ? "" : lease.hostname() + "   ") + lease.hardwareAddress();
    }

    /** A new row for the client's lease, named by the identifier the server tries first, with the sentence saying why under it. */
    private void reserveFor(int subnet, Lease lease) {
        ReservationMatch match = working.matchOf(lease);
        if (match.identifier().isEmpty()) {
            say(match.sentence());
            return;
        }
        ConfigDocument.ReservationEntry entry = match.reservation();
        matchNotes.put(noteKey(entry.type(), entry.value()), match.sentence());
        structural(() -> working.addReservation(subnet, entry));
        say("Reservation of " + lease.address() + " added by " + ReservationMatch.spoken(match.identifier().get()) + ": Apply saves it.");
    }

    /** A labelled text field with its error line under it; returns the next free row. */
    private int addField(GridPane grid, int row, String id, String value, String prompt, Consumer<String> write, String path,
                         SubnetField field) {
        TextField text = field(id, value, prompt);
        text.textProperty().addListener((o, before, after) -> edited(() -> write.accept(after)));
        // Names keep their words and fields their size when an error under a field widens the column.
        text.setMaxWidth(Region.USE_PREF_SIZE);
        Label label = new Label(label(field));
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setLabelFor(text);
        grid.addRow(row, label, text);
        grid.add(error(path), 1, row + 1);
        return row + 2;
    }

    /**
     * The option rows of one level (a subnet, or every subnet): name and data as text, each with
     * its error line, an Add and a Remove per row; adding and removing rebuild through {@code structural}.
     */
    private VBox options(String idPrefix, String addTooltip, List<ConfigDocument.OptionEntry> entries, IntFunction<String> path,
                         BiConsumer<Integer, ConfigDocument.OptionEntry> set, Consumer<ConfigDocument.OptionEntry> add,
                         IntConsumer remove, Consumer<Runnable> structural) {
        VBox options = section("Options", idPrefix + "-add", addTooltip,
                () -> structural.accept(() -> add.accept(new ConfigDocument.OptionEntry("routers", "", false))));
        for (int o = 0; o < entries.size(); o++) {
            int index = o;
            ConfigDocument.OptionEntry entry = entries.get(o);
            TextField name = field(idPrefix + "-name-" + o, entry.name(), "name or code");
            TextField data = field(idPrefix + "-data-" + o, entry.data(), "data, e.g. 192.0.2.1");
            Runnable write = () -> set.accept(index, new ConfigDocument.OptionEntry(name.getText(), data.getText(), entry.alwaysSend()));
            List.of(name, data).forEach(f -> f.textProperty().addListener((ob, b, a) -> edited(write)));
            Button removal = button(idPrefix + "-remove-" + o, "", Icons.REMOVE, "Remove this option",
                    () -> structural.accept(() -> remove.accept(index)));
            removal.getStyleClass().add("flat");
            options.getChildren().addAll(row(name, data, removal), error(path.apply(o)));
        }
        return options;
    }

    private static String label(SubnetField field) {
        return switch (field) {
            case ID -> "Subnet id";
            case SUBNET -> "Subnet";
            case VALID_LIFETIME -> "Lease time (s)";
            case RENEW_TIMER -> "Renew at T1 (s)";
            case REBIND_TIMER -> "Rebind at T2 (s)";
        };
    }

    private static TextField field(String id, String text, String prompt) {
        TextField field = new TextField(text);
        field.setId(id);
        field.setPromptText(prompt);
        return field;
    }

    /** A section's heading with its Add button and any further actions beside it. */
    private VBox section(String title, String addId, String addTooltip, Runnable add, Node... actions) {
        Label heading = new Label(title);
        heading.getStyleClass().add("section-title");
        Button button = button(addId, "Add", Icons.ADD, addTooltip, add);
        button.getStyleClass().add("flat");
        HBox header = new HBox(8, heading, button);
        header.getChildren().addAll(actions);
        header.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, header);
    }

    private Button remove(String id, Runnable removal) {
        Button button = button(id, "", Icons.REMOVE, "Remove this row", () -> structural(removal));
        button.getStyleClass().add("flat");
        return button;
    }

    private static HBox row(Node... nodes) {
        HBox row = new HBox(6, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Label error(String path) {
        Label label = new Label();
        label.getStyleClass().add("field-error");
        label.setWrapText(true);
        label.setManaged(false);
        label.setVisible(false);
        label.setId("error-" + path.replaceAll("[^A-Za-z0-9]+", "-"));
        errorLabels.put(path, label);
        return label;
    }

    private void edited(Runnable edit) {
        edit.run();
        checkSoon.playFromStart();
    }

    private void structural(Runnable edit) {
        edit.run();
        int keep = selectedSubnet;
        selectedSubnet = -1;
        subnets.getItems().setAll(working.subnets());
        subnets.getSelectionModel().select(keep);
        if (selectedSubnet != keep) {
            selectedSubnet = keep;
            buildForm();
        }
    }

    private void structuralGlobal(Runnable edit) {
        edit.run();
        buildGlobalForm();
        check();
    }

    /** A new subnet with the next free id and empty prefix and pool: the check asks for them under their fields. */
    private void addSubnet() {
        if (working == null) {
            say("There is no configuration to add a subnet to yet.");
            return;
        }
        int added = working.addSubnet(working.nextSubnetId(), "", "");
        showSubnets(added);
        say("Subnet added: give it a prefix and a pool, then Apply.");
    }

    private void removeSubnet() {
        ConfigDocument.SubnetEntry chosen = subnets.getSelectionModel().getSelectedItem();
        if (chosen == null || !Dialogs.confirm(this, "Remove subnet " + chosen.id() + " (" + chosen.subnet() + ")?",
                "Once applied, the server no longer answers clients on this subnet; their leases stay stored until they expire."
                        + " Revert brings it back until then.", "Remove subnet")) {
            return;
        }
        working.removeSubnet(chosen.index());
        showSubnets(Math.max(0, chosen.index() - 1));
    }

    /** Runs the loader on a copy off the FX thread and puts each problem under its field. */
    private void check() {
        if (working == null) {
            return;
        }
        ConfigDocument snapshot = working.copy();
        FxBackground.run(snapshot::check, this::showIssues, failure -> say(Dialogs.messageOf(failure)));
    }

    private void showIssues(List<ConfigIssue> issues) {
        errorLabels.forEach((path, label) -> {
            List<String> here = new ArrayList<>();
            issues.stream().filter(ConfigIssue::error).filter(issue -> issue.concerns(path)).forEach(issue -> here.add(issue.message()));
            label.setText(String.join("\n", here));
            label.setVisible(!here.isEmpty());
            label.setManaged(!here.isEmpty());
        });
        long errors = issues.stream().filter(ConfigIssue::error).count();
        problems.setText(issues.isEmpty() ? "No problems: Apply is safe."
                : (errors == 0 ? "Warnings (Apply is still safe):\n" : errors + " error(s); Apply would change nothing:\n")
                        + issues.stream().map(ConfigIssue::toString).reduce((a, b) -> a + "\n" + b).orElse(""));
        problems.getStyleClass().removeAll("has-errors");
        if (errors > 0) {
            problems.getStyleClass().add("has-errors");
        }
    }

    private void apply() {
        if (working == null) {
            say("There is no configuration to apply yet: run the setup or start the lab first.");
            return;
        }
        if (working.commented() && !commentsAccepted) {
            if (!Dialogs.confirm(this, working.file().getFileName() + " has comments",
                    "LeaseDesk saves the configuration as plain JSON, so the comments in " + working.file() + " will be gone from"
                            + " it. The file as it is now is kept as " + working.commentedCopy() + ".", "Save without comments")) {
                say("Nothing was saved.");
                return;
            }
            commentsAccepted = true;
        }
        ConfigDocument snapshot = working.copy();
        say("Applying…");
        FxBackground.run(() -> snapshot.applyAndSave(workbench), applied -> {
            showIssues(applied.issues());
            if (applied.saved()) {
                original = snapshot.copy();
                String kept = applied.commentedOriginal().map(copy -> " The commented file is kept as " + copy + ".").orElse("");
                say((applied.reloaded() ? "Saved " + snapshot.file().getFileName() + " and the server applied it."
                        : "Saved " + snapshot.file().getFileName() + ".") + kept);
                refreshGrid();
            } else {
                say("Nothing was changed: fix the errors shown under their fields, then apply again.");
            }
        }, failure -> say("The configuration could not be saved: " + Dialogs.messageOf(failure)));
    }

    private void revert() {
        if (original == null) {
            return;
        }
        working = original.copy();
        matchNotes.clear();
        showSubnets(Math.max(0, subnets.getSelectionModel().getSelectedIndex()));
        say("Reverted to the configuration the server runs.");
    }

    private void refreshGrid() {
        int pool = poolChoice.getSelectionModel().getSelectedIndex();
        if (working == null || selectedSubnet < 0 || pool < 0 || selectedSubnet >= working.subnets().size()) {
            return;
        }
        // By id, not position: subnets added or removed but not applied yet shift the positions.
        long subnetId = working.subnets().get(selectedSubnet).id();
        FxBackground.whenDone(administration.addressMap(subnetId, pool), this::showMap,
                failure -> gridSummary.setText("The address map is not available: " + Dialogs.messageOf(failure)));
    }

    private void showMap(AddressMap map) {
        grid.show(map);
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "%s: %,d addresses", map.range(), map.size()));
        for (AddressMap.State state : AddressMap.State.values()) {
            summary.append(String.format(Locale.ROOT, " · %s %,d", state.name().toLowerCase(Locale.ROOT), map.count(state)));
        }
        gridSummary.setText(summary.toString());
    }

    private void explain(Ipv4Address address) {
        detail.setText(address + "…");
        FxBackground.whenDone(administration.detail(address, 5), found -> {
            StringBuilder text = new StringBuilder(address.toString());
            found.current().ifPresentOrElse(lease -> text.append(": ").append(lease.state().name().toLowerCase(Locale.ROOT))
                    .append(", ").append(lease.hostname().isEmpty() ? "" : lease.hostname() + " ").append(lease.hardwareAddress())
                    .append(", until ").append(TIME.format(lease.expiry())), () -> text.append(": no lease"));
            found.history().forEach(event -> text.append("\n  ").append(TIME.format(event.time())).append("  ")
                    .append(event.type()).append("  ").append(event.hardwareAddress()).append("  ").append(event.detail()));
            detail.setText(text.toString());
        }, failure -> detail.setText(address + ": " + Dialogs.messageOf(failure)));
    }

    private void say(String text) {
        message.setText(text);
    }

}
