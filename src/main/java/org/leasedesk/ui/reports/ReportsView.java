package org.leasedesk.ui.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.leasedesk.app.HistoryFilter;
import org.leasedesk.app.ImportReport;
import org.leasedesk.app.LeaseCutover;
import org.leasedesk.app.LeaseFileMonitor;
import org.leasedesk.app.LeaseFilter;
import org.leasedesk.app.ReportExports;
import org.leasedesk.app.Workbench;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.PoolRef;
import org.leasedesk.ui.common.Dialogs;
import org.leasedesk.ui.common.FxBackground;
import org.leasedesk.ui.common.Icons;

/**
 * The Reports page: export the stored leases or the history, filtered, in any format with a progress
 * bar and Cancel, then open the file; watch another server's lease file, read-only, refreshed when it
 * changes; and import that file's active leases into the running server (a cut-over), after a preview
 * of what the import would write and of every conflict.
 */
public final class ReportsView extends VBox {

    private final ReportExports exports;
    private final ComboBox<ReportExports.Contents> contents = new ComboBox<>();
    private final ComboBox<ReportExports.Format> format = new ComboBox<>();
    private final TextField subnet = field("report-subnet", "any", 6);
    private final TextField pool = field("report-pool", "any", 6);
    private final ComboBox<LeaseState> state = new ComboBox<>();
    private final TextField address = field("report-address", "any", 12);
    private final TextField mac = field("report-mac", "any", 14);
    private final ComboBox<LeaseEventType> type = new ComboBox<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final TextField search = field("report-search", "address, MAC, host name…", 18);
    private final TextField target = field("report-file", "where to save", 30);
    private final ProgressBar progress = new ProgressBar(0);
    private final Label result = new Label();
    private final Button export = new Button("Export", Icons.EXPORT.create());
    private final Button cancel = new Button("Cancel", Icons.CANCEL.create());
    private final Button open = new Button("Open", Icons.OPEN.create());
    private final TableView<Lease> imported = new TableView<>();
    private final Label importStatus = new Label("No file watched.");
    private final Button importInto = new Button("Import into the server…", Icons.IMPORT.create());
    private final CheckBox replace = new CheckBox("Replace conflicting leases");
    private final Label importResult = new Label();
    private final LeaseCutover cutover;
    private final Timeline importTimer = new Timeline();
    /** How many of a preview's lines the confirmation shows. */
    private static final int PREVIEW_LINES = 12;

    private Task<ReportExports.Outcome> running;
    private Path written;
    private LeaseFileMonitor monitor;
    private boolean refreshing;

    public ReportsView(Workbench workbench) {
        this.exports = new ReportExports(workbench, Clock.systemUTC());
        this.cutover = new LeaseCutover(workbench);
        getStyleClass().addAll("page", "reports-view");
        Label title = new Label("Reports");
        title.getStyleClass().add("page-title");
        getChildren().addAll(title, createExport(), createImport());
        VBox.setVgrow(imported, Priority.ALWAYS);
    }

    private static TextField field(String id, String prompt, int columns) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(columns);
        return field;
    }

    private VBox createExport() {
        Label heading = new Label("Export");
        heading.getStyleClass().add("section-title");
        contents.setId("report-contents");
        contents.getItems().setAll(ReportExports.Contents.values());
        contents.setConverter(named(ReportExports.Contents::displayName));
        contents.setValue(ReportExports.Contents.LEASES);
        contents.setTooltip(new Tooltip("What the report lists: the lease table as it is now, or the lease history"));
        format.setId("report-format");
        format.setConverter(named(ReportExports.Format::displayName));
        format.setTooltip(new Tooltip("The file format"));
        format.valueProperty().addListener((o, before, after) -> {
            if (after != null) {
                target.setText(suggestedName(contents.getValue(), after));
            }
        });
        contents.valueProperty().addListener((o, before, after) -> showFormatsOf(after));
        showFormatsOf(ReportExports.Contents.LEASES);
        state.setId("report-state");
        state.getItems().add(null);
        state.getItems().addAll(LeaseState.values());
        state.setPromptText("any state");
        state.setTooltip(new Tooltip("Only leases in this state"));
        type.setId("report-type");
        type.getItems().add(null);
        type.getItems().addAll(LeaseEventType.values());
        type.setPromptText("any event");
        type.setTooltip(new Tooltip("Only events of this type"));
        from.setId("report-from");
        from.setPromptText("from (day)");
        from.setTooltip(new Tooltip("Leases changed, or events that happened, on or after this day"));
        to.setId("report-to");
        to.setPromptText("until (day)");
        to.setTooltip(new Tooltip("Leases changed, or events that happened, on or before this day"));
        Button choose = new Button("Choose…");
        choose.setId("report-choose");
        choose.setTooltip(new Tooltip("Choose where to save the report"));
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName(Path.of(target.getText()).getFileName().toString());
            Optional.ofNullable(chooser.showSaveDialog(getScene().getWindow())).ifPresent(file -> target.setText(file.toString()));
        });
        export.setId("report-export");
        export.setTooltip(new Tooltip("Write the report; the file appears only when it is complete"));
        export.setOnAction(e -> startExport());
        export.setDefaultButton(true);
        export.getStyleClass().add("accent");
        cancel.setId("report-cancel");
        cancel.setTooltip(new Tooltip("Stop the export; nothing is left behind"));
        cancel.setDisable(true);
        cancel.setOnAction(e -> {
            if (running != null) {
                running.cancel(false);
            }
        });
        open.setId("report-open");
        open.setTooltip(new Tooltip("Open the written report with the desktop's application for it"));
        open.setDisable(true);
        open.setOnAction(e -> openWritten());
        progress.setId("report-progress");
        progress.setPrefWidth(260);
        result.setId("report-result");
        result.setWrapText(true);

        BooleanBinding history = contents.valueProperty().isEqualTo(ReportExports.Contents.HISTORY);
        FlowPane what = filterRow(labelled("Contents", contents), labelled("Format", format));
        FlowPane which = filterRow(labelled("Subnet id", subnet), labelled("Pool id", pool),
                shownWhen(history.not(), labelled("State", state)),
                shownWhen(history, labelled("Address", address)), shownWhen(history, labelled("MAC", mac)),
                shownWhen(history, labelled("Event", type)));
        FlowPane when = filterRow(labelled("From", from), labelled("until", to), labelled("Search", search));
        HBox file = new HBox(8, new Label("File"), target, choose);
        file.setAlignment(Pos.CENTER_LEFT);
        HBox actions = new HBox(8, export, cancel, progress, open);
        actions.setAlignment(Pos.CENTER_LEFT);
        return new VBox(8, heading, what, which, when, file, actions, result);
    }

    private static <T> StringConverter<T> named(Function<T, String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : name.apply(value);
            }

            @Override
            public T fromString(String text) {
                return null;
            }
        };
    }

    private static FlowPane filterRow(Node... groups) {
        FlowPane row = new FlowPane(16, 6, groups);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static HBox labelled(String text, Control control) {
        Label label = new Label(text);
        label.setLabelFor(control);
        HBox group = new HBox(6, label, control);
        group.setAlignment(Pos.CENTER_LEFT);
        return group;
    }

    private static Node shownWhen(BooleanBinding condition, Node node) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
        return node;
    }

    /** Offers the formats that hold {@code chosen}, keeping the current one when it still fits. */
    private void showFormatsOf(ReportExports.Contents chosen) {
        ReportExports.Format current = format.getValue();
        format.getItems().setAll(chosen.formats());
        format.setValue(current != null && chosen.formats().contains(current) ? current : ReportExports.Format.CSV);
        target.setText(suggestedName(chosen, format.getValue()));
    }

    private static String suggestedName(ReportExports.Contents chosen, ReportExports.Format as) {
        String name = chosen == ReportExports.Contents.HISTORY ? "leasedesk-history" : "leasedesk-leases";
        return Path.of(System.getProperty("user.home"), name + (as == ReportExports.Format.KEA_CSV ? "-kea" : "")
                + "." + as.fileExtension()).toString();
    }

    private void startExport() {
        ReportExports.Format chosenFormat = format.getValue();
        Path file;
        ExportJob job;
        try {
            file = Path.of(target.getText().strip());
            job = contents.getValue() == ReportExports.Contents.HISTORY ? historyJob(chosenFormat, file) : leaseJob(chosenFormat, file);
        } catch (IllegalArgumentException e) {
            result.setText(e.getMessage());
            return;
        }
        running = new Task<>() {
            @Override
            protected ReportExports.Outcome call() throws Exception {
                return job.run((done, total) -> {
                    updateProgress(done, total < 0 ? -1 : Math.max(total, 1));
                    return done;
                }, this::isCancelled);
            }
        };
        progress.progressProperty().bind(running.progressProperty());
        export.setDisable(true);
        cancel.setDisable(false);
        open.setDisable(true);
        result.setText("Exporting…");
        running.setOnSucceeded(e -> finished(running.getValue()));
        running.setOnCancelled(e -> {
            done();
            result.setText("Cancelled: no file was written.");
        });
        running.setOnFailed(e -> {
            done();
            result.setText("The export failed: " + Dialogs.messageOf(running.getException()));
        });
        FxBackground.run(() -> {
            running.run();
            return null;
        }, ignored -> { }, failure -> result.setText(Dialogs.messageOf(failure)));
    }

    /** One export as chosen in the form, run on a background thread. */
    private interface ExportJob {
        ReportExports.Outcome run(LongBinaryOperator progress, BooleanSupplier cancelled) throws IOException;
    }

    private ExportJob leaseJob(ReportExports.Format as, Path file) {
        LeaseFilter filter = new LeaseFilter(number(subnet, "subnet id"), poolRef(), Optional.ofNullable(state.getValue()),
                day(from.getValue(), 0), day(to.getValue(), 1), search.getText());
        return (progressTo, cancelled) -> exports.exportLeases(as, filter, file, progressTo, cancelled);
    }

    private ExportJob historyJob(ReportExports.Format as, Path file) {
        if (!subnet.getText().isBlank() && pool.getText().isBlank()) {
            throw new IllegalArgumentException("The history is kept per pool: give the pool id with the subnet id.");
        }
        HistoryFilter filter = HistoryFilter.of(
                address.getText().isBlank() ? Optional.empty() : Optional.of(parsed(address, "address", Ipv4Address::parse)),
                mac.getText().isBlank() ? Optional.empty()
                        : Optional.of(new ClientKey.ByHardware(parsed(mac, "MAC", HardwareAddress::parseMac))),
                Optional.ofNullable(type.getValue()), poolRef(), day(from.getValue(), 0), day(to.getValue(), 1), search.getText());
        return (progressTo, cancelled) -> exports.exportHistory(as, filter, file, progressTo, cancelled);
    }

    private Optional<PoolRef> poolRef() {
        OptionalLong poolId = number(pool, "pool id");
        if (poolId.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong subnetId = number(subnet, "subnet id");
        if (subnetId.isEmpty()) {
            throw new IllegalArgumentException("A pool id is counted within its subnet: give the subnet id too.");
        }
        return Optional.of(new PoolRef(subnetId.getAsLong(), poolId.getAsLong()));
    }

    private static <T> T parsed(TextField field, String what, Function<String, T> parser) {
        try {
            return parser.apply(field.getText().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The " + what + " '" + field.getText().strip() + "' is not valid: " + e.getMessage());
        }
    }

    private void finished(ReportExports.Outcome outcome) {
        done();
        if (outcome.cancelled()) {
            result.setText("Cancelled: no file was written.");
            return;
        }
        written = outcome.file();
        open.setDisable(false);
        result.setText(String.format(Locale.ROOT, "Wrote %,d %s to %s", outcome.rows(),
                contents.getValue() == ReportExports.Contents.HISTORY ? "event(s)" : "lease(s)", outcome.file()));
    }

    private void done() {
        progress.progressProperty().unbind();
        export.setDisable(false);
        cancel.setDisable(true);
    }

    private static OptionalLong number(TextField field, String what) {
        String text = field.getText().strip();
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The " + what + " must be a whole number, not '" + text + "'.");
        }
    }

    private static Optional<java.time.Instant> day(LocalDate date, int plusDays) {
        return Optional.ofNullable(date).map(d -> d.plusDays(plusDays).atStartOfDay(ZoneId.systemDefault()).toInstant());
    }

    private void openWritten() {
        Path file = written;
        // The desktop's opener can take a moment (it may start an application): never on the FX thread.
        FxBackground.run(() -> {
            if (!java.awt.Desktop.isDesktopSupported() || !java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.OPEN)) {
                throw new UnsupportedOperationException("This desktop cannot open files from Java; the report is at " + file);
            }
            java.awt.Desktop.getDesktop().open(file.toFile());
            return file;
        }, opened -> result.setText("Opened " + opened), failure -> result.setText(Dialogs.messageOf(failure)));
    }

    private VBox createImport() {
        Label heading = new Label("Watch or import a lease file");
        heading.getStyleClass().add("section-title");
        TextField file = field("import-file", "a Kea kea-leases4.csv, ISC dhcpd.leases or dnsmasq leases file", 40);
        Button watch = new Button("Watch", Icons.IMPORT.create());
        watch.setId("import-watch");
        watch.setTooltip(new Tooltip("Show the file's leases, read-only, refreshed whenever the file changes"));
        watch.setOnAction(e -> startWatching(Path.of(file.getText().strip())));
        Button choose = new Button("Choose…");
        choose.setTooltip(new Tooltip("Choose a lease file"));
        choose.setOnAction(e -> Optional.ofNullable(new FileChooser().showOpenDialog(getScene().getWindow()))
                .ifPresent(chosen -> file.setText(chosen.toString())));
        importStatus.setId("import-status");
        imported.setId("import-table");
        imported.setPlaceholder(new Label("Choose a lease file to watch."));
        imported.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        imported.getColumns().setAll(java.util.List.of(
                column("Address", lease -> lease.address().toString()),
                column("MAC", lease -> lease.hardwareAddress().toString()),
                column("Host name", Lease::hostname),
                column("State", lease -> lease.state().name().toLowerCase(Locale.ROOT)),
                column("Expires", lease -> lease.expiry().toString())));
        importTimer.getKeyFrames().setAll(new KeyFrame(Duration.seconds(2), e -> refreshImport()));
        importTimer.setCycleCount(Animation.INDEFINITE);
        importInto.setId("import-into-server");
        importInto.setTooltip(new Tooltip("Take the watched file's active leases into the running server, so its clients keep"
                + " their addresses; shows what it would import and every conflict first"));
        importInto.setDisable(true);
        importInto.setOnAction(e -> previewImport());
        replace.setId("import-replace");
        replace.setTooltip(new Tooltip("Let the file win where the server holds an address for another client or the client"
                + " holds another address; a reservation always wins"));
        importResult.setId("import-result");
        importResult.setWrapText(true);
        HBox row = new HBox(8, file, choose, watch);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox cutOver = new HBox(8, importInto, replace);
        cutOver.setAlignment(Pos.CENTER_LEFT);
        return new VBox(8, heading, row, importStatus, cutOver, importResult, imported);
    }

    private static TableColumn<Lease, String> column(String title, java.util.function.Function<Lease, String> value) {
        TableColumn<Lease, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private void startWatching(Path file) {
        importTimer.stop();
        FxBackground.run(() -> LeaseFileMonitor.open(file), opened -> {
            monitor = opened;
            importInto.setDisable(false);
            refreshImport();
            importTimer.play();
        }, failure -> importStatus.setText(Dialogs.messageOf(failure)));
    }

    /** A dry run against the running server first: nothing is written before the user has seen what would be. */
    private void previewImport() {
        if (monitor == null) {
            return;
        }
        Path file = monitor.file();
        boolean replacing = replace.isSelected();
        importInto.setDisable(true);
        importResult.setText("Checking what importing " + file.getFileName() + " would do…");
        FxBackground.whenDone(cutover.intoRunningServer(file, replacing, true), preview -> confirmImport(file, replacing, preview),
                this::importFailed);
    }

    private void confirmImport(Path file, boolean replacing, ImportReport preview) {
        if (preview.imported() == 0) {
            importInto.setDisable(false);
            importResult.setText("Nothing to import. " + preview.summary());
            return;
        }
        boolean confirmed = Dialogs.confirm(this, "Import " + preview.imported() + " lease(s) into the running server?",
                previewText(preview), "Import");
        if (!confirmed) {
            importInto.setDisable(false);
            importResult.setText("Not imported.");
            return;
        }
        importResult.setText("Importing " + preview.imported() + " lease(s)…");
        FxBackground.whenDone(cutover.intoRunningServer(file, replacing, false), done -> {
            importInto.setDisable(false);
            importResult.setText(done.summary());
        }, this::importFailed);
    }

    /** The preview's summary and the lines to read before confirming (conflicts first), as many as a dialog holds. */
    private static String previewText(ImportReport preview) {
        int shown = Math.min(PREVIEW_LINES, preview.attention().size());
        StringBuilder text = new StringBuilder(preview.summary());
        if (shown > 0) {
            text.append("\n\n").append(String.join("\n", preview.attention().subList(0, shown)));
        }
        if (preview.attention().size() > shown) {
            text.append("\n… and ").append(preview.attention().size() - shown).append(" more");
        }
        return text.toString();
    }

    private void importFailed(Throwable failure) {
        importInto.setDisable(false);
        importResult.setText("Not imported: " + Dialogs.messageOf(failure));
    }

    private void refreshImport() {
        if (monitor == null || refreshing) {
            return;
        }
        refreshing = true;
        LeaseFileMonitor watched = monitor;
        FxBackground.run(watched::refresh, snapshot -> {
            refreshing = false;
            if (watched != monitor) {
                return;
            }
            imported.getItems().setAll(snapshot.leases());
            importStatus.setText(String.format(Locale.ROOT, "%s (%s): %,d lease(s)%s; refreshed when the file changes", watched.file(),
                    snapshot.format(), snapshot.leases().size(),
                    snapshot.problems().isEmpty() ? "" : ", " + snapshot.problems().size() + " line(s) skipped"));
        }, failure -> {
            refreshing = false;
            importStatus.setText(Dialogs.messageOf(failure));
        });
    }
}
