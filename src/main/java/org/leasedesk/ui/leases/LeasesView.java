package org.leasedesk.ui.leases;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.leasedesk.app.ConfigDocument;
import org.leasedesk.app.ConfigIssue;
import org.leasedesk.app.LeaseAdministration;
import org.leasedesk.app.LeaseFeed;
import org.leasedesk.app.ReservationMatch;
import org.leasedesk.app.Vendors;
import org.leasedesk.app.Workbench;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import static org.leasedesk.ui.common.Controls.button;

import org.leasedesk.ui.common.Dialogs;
import org.leasedesk.ui.common.FxBackground;
import org.leasedesk.ui.common.Icons;
import org.leasedesk.ui.common.ShowHistoryEvent;

/**
 * The Leases page: every lease the server holds in one sortable, searchable table, with the
 * administrator's actions on the selected rows. Changes arrive through a {@link LeaseFeed} polled
 * by one timer four times a second; the same timer moves the expiry countdowns.
 */
public final class LeasesView extends VBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final Duration POLL = Duration.millis(250);

    private final LeasesViewModel model = new LeasesViewModel();
    private final LeaseAdministration administration;
    private final LeaseFeed feed;
    private final TableView<LeaseRow> table = new TableView<>();
    private final Label message = new Label();
    private final Timeline timer = new Timeline(new KeyFrame(POLL, e -> tick()));
    /** True while a poll is in flight, and until the vendor table is read (rows are built once, with vendors). */
    private boolean polling = true;

    public LeasesView(Workbench workbench) {
        this.administration = new LeaseAdministration(workbench);
        this.feed = new LeaseFeed(workbench);
        getStyleClass().addAll("page", "leases-view");
        getStylesheets().add(Objects.requireNonNull(getClass().getResource("/org/leasedesk/ui/leases.css")).toExternalForm());
        getChildren().addAll(createHeader(), createToolbar(), createTable(), createMessage());
        VBox.setVgrow(table, Priority.ALWAYS);
        initListeners();
    }

    /** The model behind the table, for tests and the lease-table benchmark. */
    public LeasesViewModel model() {
        return model;
    }

    private HBox createHeader() {
        Label title = new Label("Leases");
        title.getStyleClass().add("page-title");
        Label count = new Label();
        count.setId("lease-count");
        count.getStyleClass().add("page-purpose");
        count.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%,d of %,d leases shown", model.shown().size(), model.total()), model.shown()));
        HBox header = new HBox(12, title, count);
        header.setAlignment(Pos.BASELINE_LEFT);
        return header;
    }

    private VBox createToolbar() {
        TextField search = new TextField();
        search.setId("lease-search");
        search.setPromptText("Search address, MAC, vendor, host name, client id, relay…");
        search.setPrefColumnCount(28);
        search.setTooltip(new Tooltip("Matches any column; MACs in any spelling (aa-bb-cc, aabb.cc, aa:bb:cc)"));
        // Filtering 100,000 rows per keystroke is quick, but waiting for a pause in typing keeps it calm.
        PauseTransition typing = new PauseTransition(Duration.millis(150));
        typing.setOnFinished(e -> model.search().set(search.getText()));
        search.textProperty().addListener((o, before, after) -> typing.playFromStart());

        ComboBox<String> pools = new ComboBox<>(model.pools());
        pools.setId("lease-pool");
        pools.valueProperty().bindBidirectional(model.pool());
        pools.setTooltip(new Tooltip("Show one pool's leases"));

        ComboBox<LeaseState> states = new ComboBox<>();
        states.setId("lease-state");
        states.getItems().add(null);
        states.getItems().addAll(LeaseState.values());
        states.setConverter(new StringConverter<>() {
            @Override
            public String toString(LeaseState state) {
                return state == null ? "All states" : stateText(state);
            }

            @Override
            public LeaseState fromString(String text) {
                return null;
            }
        });
        states.valueProperty().bindBidirectional(model.state());
        states.setTooltip(new Tooltip("Show leases in one state"));

        HBox.setHgrow(search, Priority.ALWAYS);
        HBox filters = new HBox(8, Icons.SEARCH.create(), search, pools, states);
        filters.setAlignment(Pos.CENTER_LEFT);
        // The actions get a row of their own so their words never give way to the search field.
        HBox actions = new HBox(8,
                button("lease-release", "Release", Icons.RELEASE, "Release the selected lease on the server (journaled)", this::releaseOne),
                button("lease-quarantine", "Quarantine", Icons.QUARANTINE,
                        "Release the lease and deny its MAC: the server ignores this client until allowed again", this::quarantine),
                button("lease-reserve", "Reserve", Icons.RESERVE,
                        "Reserve this address for this client in the configuration, and apply it", this::reserve),
                button("lease-copy", "Copy", Icons.COPY, "Copy the selected rows as tab-separated text", this::copy),
                button("lease-history", "History", Icons.HISTORY, "Show who held this address, on the History page", this::showHistory),
                button("lease-release-selected", "Release selected", Icons.RELEASE,
                        "Release every selected lease, after one confirmation", this::releaseSelected));
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getChildren().forEach(action -> ((Button) action).setMinWidth(Region.USE_PREF_SIZE));
        VBox bar = new VBox(8, filters, actions);
        bar.getStyleClass().add("leases-toolbar");
        return bar;
    }


    private TableView<LeaseRow> createTable() {
        table.setId("lease-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No leases yet: start the server, or widen the search."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<LeaseRow, Ipv4Address> address = column("Address", row -> row.lease().address(), 120);
        address.setId("column-address");
        TableColumn<LeaseRow, String> mac = column("MAC", LeaseRow::mac, 140);
        TableColumn<LeaseRow, LeaseRow> vendor = column("Vendor", row -> row, 170);
        vendor.setComparator(java.util.Comparator.comparing(LeaseRow::vendor));
        vendor.setCellFactory(c -> new VendorCell());
        TableColumn<LeaseRow, String> hostname = column("Host name", row -> row.lease().hostname(), 130);
        hostname.setId("column-hostname");
        TableColumn<LeaseRow, String> clientId = column("Client ID", LeaseRow::clientId, 150);
        TableColumn<LeaseRow, LeaseState> state = column("State", row -> row.lease().state(), 90);
        state.setCellFactory(c -> new StateCell());
        TableColumn<LeaseRow, Instant> start = column("Start", row -> row.lease().start(), 150);
        start.setCellFactory(c -> new TextCell<>(TIME::format));
        TableColumn<LeaseRow, LeaseRow> expiry = column("Expires", row -> row, 120);
        expiry.setComparator(java.util.Comparator.comparing(row -> row.lease().expiry()));
        expiry.setCellFactory(c -> new CountdownCell());
        TableColumn<LeaseRow, String> pool = column("Pool", LeaseRow::pool, 120);
        TableColumn<LeaseRow, String> relay = column("Relay / circuit", LeaseRow::relay, 140);
        table.getColumns().setAll(List.of(address, mac, vendor, hostname, clientId, state, start, expiry, pool, relay));
        model.shown().comparatorProperty().bind(table.comparatorProperty());
        table.setItems(model.shown());
        table.setContextMenu(createContextMenu());
        return table;
    }

    private static <T> TableColumn<LeaseRow, T> column(String title, Function<LeaseRow, T> value, double width) {
        TableColumn<LeaseRow, T> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private ContextMenu createContextMenu() {
        return new ContextMenu(
                item("Release", Icons.RELEASE, this::releaseOne),
                item("Quarantine…", Icons.QUARANTINE, this::quarantine),
                item("Make reservation", Icons.RESERVE, this::reserve),
                new SeparatorMenuItem(),
                item("Copy", Icons.COPY, this::copy),
                item("Show history", Icons.HISTORY, this::showHistory),
                new SeparatorMenuItem(),
                item("Release selected…", Icons.RELEASE, this::releaseSelected));
    }

    private static MenuItem item(String text, Icons icon, Runnable action) {
        MenuItem item = new MenuItem(text, icon.create());
        item.setOnAction(e -> action.run());
        return item;
    }

    private Label createMessage() {
        message.setId("leases-message");
        message.getStyleClass().add("leases-message");
        message.textProperty().bind(model.message());
        message.setWrapText(true);
        return message;
    }

    private void initListeners() {
        FxBackground.run(Vendors::bundled, vendors -> {
            model.useVendors(vendors);
            polling = false;
        }, failure -> {
            polling = false;
            say("The vendor table could not be read; vendors are not shown: " + Dialogs.messageOf(failure));
        });
        timer.setCycleCount(Animation.INDEFINITE);
        // The timer runs while the view is in a window; a cached view off screen stops it at its next tick.
        sceneProperty().addListener((o, before, scene) -> {
            if (scene != null) {
                timer.play();
            }
        });
    }

    /** One timer for the whole view: at most one poll in flight, and the countdowns move once a second. */
    private void tick() {
        if (getScene() == null || getScene().getWindow() == null) {
            timer.stop();
            return;
        }
        Instant now = Instant.now();
        if (now.getEpochSecond() != model.now().get().getEpochSecond()) {
            model.now().set(now);
        }
        if (polling) {
            return;
        }
        polling = true;
        java.util.concurrent.CompletableFuture<LeasesViewModel.Prepared> next;
        try {
            next = feed.poll().thenApplyAsync(model::prepare);
        } catch (RuntimeException closed) {
            next = java.util.concurrent.CompletableFuture.failedFuture(closed);
        }
        FxBackground.whenDone(next, prepared -> {
            polling = false;
            if (prepared.complete() || !prepared.rows().isEmpty()) {
                model.apply(prepared);
            }
        }, failure -> {
            polling = false;
            say("Leases could not be read: " + Dialogs.messageOf(failure));
        });
    }

    private java.util.Optional<LeaseRow> selected() {
        return java.util.Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    private void releaseOne() {
        selected().ifPresentOrElse(row -> FxBackground.whenDone(administration.release(row.lease().address()),
                lease -> say("Released " + lease.address() + " (" + describe(lease) + "); the release is in its history."),
                this::fail), this::nothingSelected);
    }

    private void quarantine() {
        selected().ifPresentOrElse(row -> {
            Lease lease = row.lease();
            boolean confirmed = Dialogs.confirm(this, "Quarantine " + describe(lease) + "?",
                    "Its lease on " + lease.address() + " is released and the server ignores MAC " + row.mac()
                            + " from now on, across restarts, until you allow it again.", "Quarantine");
            if (confirmed) {
                FxBackground.whenDone(administration.quarantine(lease.address(), "quarantined from the Leases view"),
                        denied -> say("Quarantined " + denied.hardwareAddress() + ": " + lease.address() + " released."), this::fail);
            }
        }, this::nothingSelected);
    }

    private void reserve() {
        selected().ifPresentOrElse(row -> FxBackground.whenDone(administration.reserve(row.lease()), reserved -> {
            ConfigDocument.Applied applied = reserved.applied();
            if (applied.saved()) {
                say("Reserved " + row.lease().address() + " for " + describe(row.lease()) + reserved.match().identifier()
                        .map(identifier -> " by " + ReservationMatch.spoken(identifier)).orElse("")
                        + (applied.reloaded() ? "; the configuration is saved and the server applied it." : "; the configuration is saved."));
            } else {
                say("The reservation was not added: " + applied.issues().stream().filter(ConfigIssue::error)
                        .map(ConfigIssue::toString).findFirst().orElse("the configuration was refused"));
            }
        }, this::fail), this::nothingSelected);
    }

    private void copy() {
        List<LeaseRow> rows = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (rows.isEmpty()) {
            nothingSelected();
            return;
        }
        StringBuilder text = new StringBuilder();
        for (LeaseRow row : rows) {
            Lease lease = row.lease();
            text.append(String.join("\t", lease.address().toString(), row.mac(), row.vendor(), lease.hostname(), row.clientId(),
                    stateText(lease.state()), TIME.format(lease.start()), TIME.format(lease.expiry()), row.pool(), row.relay()))
                    .append('\n');
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(text.toString());
        Clipboard.getSystemClipboard().setContent(content);
        say("Copied " + rows.size() + (rows.size() == 1 ? " row." : " rows."));
    }

    private void showHistory() {
        selected().ifPresentOrElse(row -> fireEvent(new ShowHistoryEvent(row.lease().address().toString())), this::nothingSelected);
    }

    private void releaseSelected() {
        List<Ipv4Address> addresses = table.getSelectionModel().getSelectedItems().stream()
                .filter(row -> row.lease().state() == LeaseState.ACTIVE).map(row -> row.lease().address()).toList();
        if (addresses.isEmpty()) {
            say("Select one or more active leases to release.");
            return;
        }
        boolean confirmed = Dialogs.confirm(this, "Release " + addresses.size() + (addresses.size() == 1 ? " lease?" : " leases?"),
                "Each client loses its address at its next renewal and must ask again. Each release is journaled.", "Release all");
        if (confirmed) {
            FxBackground.whenDone(administration.releaseAll(addresses), outcome -> say("Released " + outcome.released().size()
                    + " lease(s)" + (outcome.skipped().isEmpty() ? "." : "; not released: " + outcome.skipped().values())), this::fail);
        }
    }

    private static String describe(Lease lease) {
        return lease.hostname().isEmpty() ? lease.hardwareAddress().toString() : lease.hostname() + " " + lease.hardwareAddress();
    }

    static String stateText(LeaseState state) {
        return state.name().charAt(0) + state.name().substring(1).toLowerCase(Locale.ROOT);
    }

    private void nothingSelected() {
        say("Select a lease first.");
    }

    private void fail(Throwable failure) {
        say(Dialogs.messageOf(failure));
    }

    private void say(String text) {
        model.message().set(text);
    }

    /** A cell showing its value as text. */
    private static class TextCell<T> extends TableCell<LeaseRow, T> {
        private final Function<T, String> format;

        TextCell(Function<T, String> format) {
            this.format = format;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : format.apply(item));
        }
    }

    /** The state in words with its colour: a named style class per state, coloured by the stylesheet. */
    private static final class StateCell extends TableCell<LeaseRow, LeaseState> {
        @Override
        protected void updateItem(LeaseState state, boolean empty) {
            super.updateItem(state, empty);
            getStyleClass().removeIf(style -> style.startsWith("lease-state-"));
            if (empty || state == null) {
                setText(null);
            } else {
                setText(stateText(state));
                getStyleClass().add("lease-state-" + state.name().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** The vendor, or a flag for randomised (locally administered) MACs, which have none. */
    private static final class VendorCell extends TableCell<LeaseRow, LeaseRow> {
        @Override
        protected void updateItem(LeaseRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().remove("randomised-mac");
            if (empty || row == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            setText(row.vendor());
            if (row.randomised()) {
                getStyleClass().add("randomised-mac");
                setGraphic(Icons.RANDOMISED.create());
                setTooltip(new Tooltip("A locally administered MAC: randomised by the device for privacy, or made up by a"
                        + " virtual machine. It names no vendor and may change."));
            } else {
                setGraphic(null);
                setTooltip(null);
            }
        }
    }

    /** The time left, moved by the view's one timer through the model's clock; no cell runs its own. */
    private final class CountdownCell extends TableCell<LeaseRow, LeaseRow> {
        /** Held by the cell, observed weakly: a cell the table drops does not stay subscribed. */
        private final javafx.beans.value.ChangeListener<Instant> tick = (o, before, after) -> show();

        CountdownCell() {
            model.now().addListener(new javafx.beans.value.WeakChangeListener<>(tick));
        }

        @Override
        protected void updateItem(LeaseRow row, boolean empty) {
            super.updateItem(row, empty);
            show();
        }

        private void show() {
            LeaseRow row = isEmpty() ? null : getItem();
            setText(row == null ? null : LeasesViewModel.countdown(row.lease(), model.now().get()));
        }
    }
}
