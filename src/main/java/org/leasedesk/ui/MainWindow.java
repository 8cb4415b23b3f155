package org.leasedesk.ui;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.leasedesk.app.Workbench;
import org.leasedesk.ui.common.Dialogs;
import org.leasedesk.ui.common.ShowHistoryEvent;
import org.leasedesk.ui.history.HistoryView;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.leasedesk.app.AlertMonitor;
import org.leasedesk.app.ApplicationInfo;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.leasedesk.app.DashboardFeed;
import org.leasedesk.app.DesktopSettings;
import org.leasedesk.ui.common.DesktopContext;
import org.leasedesk.ui.common.FxBackground;
import org.leasedesk.ui.common.Icons;
import org.leasedesk.ui.common.LiveFigures;
import org.leasedesk.ui.setup.SetupView;

/**
 * The main window's layout: navigation on the left, the current view in the centre, a status bar
 * below. Keyboard: Ctrl+1 to Ctrl+7 (Cmd on macOS) open the pages in navigation order, the arrow
 * keys move through the navigation, and Tab goes from the navigation into the page, then the
 * status bar.
 */
final class MainWindow extends BorderPane {

    private final ToggleGroup navigation = new ToggleGroup();
    private final Map<Page, ToggleButton> buttons = new EnumMap<>(Page.class);
    /** Views are built on first visit and kept, so a search or a half-filled form survives switching away. */
    private final Map<Page, Node> views = new EnumMap<>(Page.class);
    private final Workbench workbench;
    private LogWindow logWindow;
    private final DesktopContext context;
    private final Label serverStatus = new Label();
    private final Button serverToggle = new Button();
    private final Label counters = new Label();
    /** Where the current view is shown. */
    private final StackPane page = new StackPane();
    private Page current = Page.DASHBOARD;

    MainWindow(DesktopContext context, Page first) {
        this.context = context;
        this.workbench = context.workbench();
        getStyleClass().add("main-window");
        setLeft(createNavigation());
        // Tab follows the order children were added in: the page's holder before the status bar.
        setCenter(page);
        setBottom(createStatusBar());
        navigation.selectedToggleProperty().addListener((observable, previous, selected) -> {
            if (selected == null) {
                // Keep one view selected: clicking the current button again must not empty the window.
                navigation.selectToggle(previous);
            } else {
                show((Page) selected.getUserData());
            }
        });
        navigation.selectToggle(buttons.get(first));
        sceneProperty().addListener((observable, before, scene) -> {
            if (scene != null) {
                installShortcuts(scene);
            }
        });
        context.live().onAlert(this::notify);
        // A view asking for an address's history: show the History page (built on first visit) with that address.
        addEventHandler(ShowHistoryEvent.SHOW_HISTORY, request -> {
            request.consume();
            navigation.selectToggle(buttons.get(Page.HISTORY));
            ((HistoryView) views.get(Page.HISTORY)).showAddress(request.address());
        });
    }

    /** The shortcut that opens a page: Ctrl (Cmd on macOS) and its position in the navigation, from 1. */
    static KeyCombination shortcut(Page page) {
        return new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (page.ordinal() + 1)), KeyCombination.SHORTCUT_DOWN);
    }

    private void installShortcuts(Scene scene) {
        for (Page page : Page.values()) {
            scene.getAccelerators().put(shortcut(page), () -> open(page));
        }
    }

    /** Shows a page and puts the focus on its navigation button, so Tab continues into the page. */
    private void open(Page page) {
        ToggleButton button = buttons.get(page);
        navigation.selectToggle(button);
        button.requestFocus();
    }

    /** The arrow keys move through the navigation as through a list, wrapping round at the ends. */
    private void moveInNavigation(KeyEvent event) {
        if ((event.getCode() != KeyCode.UP && event.getCode() != KeyCode.DOWN) || !(event.getTarget() instanceof ToggleButton)) {
            return;
        }
        int step = event.getCode() == KeyCode.DOWN ? 1 : -1;
        Page[] pages = Page.values();
        open(pages[Math.floorMod(current.ordinal() + step, pages.length)]);
        event.consume();
    }

    /** The view shown now, remembered for the next start. */
    Page currentPage() {
        return current;
    }

    /** A threshold crossing or alarm pops up over the window as well as entering the dashboard's feed. */
    private void notify(LiveFigures.Alert alert) {
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) {
            return;
        }
        Notifications notification = Notifications.create().text(alert.text())
                .owner(getScene().getWindow()).hideAfter(Duration.seconds(6)).position(Pos.BOTTOM_RIGHT);
        switch (alert.level()) {
            case CRITICAL -> notification.title("Critical").showError();
            case WARNING -> notification.title("Warning").showWarning();
            case NORMAL -> notification.title("Resolved").showInformation();
        }
    }

    /** The first-start setup, as a dialog over the window. */
    void openSetup() {
        Dialog<Void> dialog = new Dialog<>();
        dialog.setTitle("Set up LeaseDesk");
        Dialogs.fitText(dialog);
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        dialog.getDialogPane().setContent(new SetupView(workbench, context.server(), context.settings().current(), () -> {
            dialog.close();
            navigation.selectToggle(buttons.get(Page.DASHBOARD));
        }));
        ButtonType later = new ButtonType("Later", ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().add(later);
        ((Button) dialog.getDialogPane().lookupButton(later)).setTooltip(new Tooltip(
                "Close the setup (Escape); Start server in the status bar opens it again"));
        dialog.show();

    }

    private VBox createNavigation() {
        Label brand = new Label(ApplicationInfo.NAME);
        brand.getStyleClass().add("brand");
        VBox box = new VBox(brand);
        box.getStyleClass().add("navigation");
        for (Page page : Page.values()) {
            ToggleButton button = new ToggleButton(page.title(), page.icon().create());
            button.setUserData(page);
            button.setToggleGroup(navigation);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.setTooltip(new Tooltip(page.purpose() + " (" + shortcut(page).getDisplayText() + ")"));
            button.setId("nav-" + page.name().toLowerCase(Locale.ROOT));
            buttons.put(page, button);
            box.getChildren().add(button);
        }
        box.addEventFilter(KeyEvent.KEY_PRESSED, this::moveInNavigation);
        return box;
    }

    private HBox createStatusBar() {
        serverStatus.setId("status-server");
        showServerState(context.server().state().get());
        context.server().state().addListener((observable, before, state) -> showServerState(state));
        Label database = new Label(workbench.databaseFile().toString());
        database.setId("status-database");
        database.setTooltip(new Tooltip("The lease database this window reads and the server writes"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label version = new Label(ApplicationInfo.nameAndVersion());
        serverToggle.setId("server-toggle");
        serverToggle.setOnAction(event -> toggleServer());
        serverToggle.getStyleClass().add("small");
        counters.setId("status-counters");
        counters.setTooltip(new Tooltip("Leases held now, new leases per second and packets dropped since the server started"));
        context.live().snapshot().addListener((observable, before, snapshot) -> showCounters(snapshot));
        Button logButton = new Button("Log", Icons.LOG.create());
        logButton.setId("show-log");
        logButton.getStyleClass().add("small");
        logButton.setTooltip(new Tooltip("What LeaseDesk logged lately: why a server did not start, what the store said"));
        logButton.setDisable(context.log().isEmpty());
        logButton.setOnAction(event -> context.log().ifPresent(log -> {
            if (logWindow == null) {
                logWindow = new LogWindow(log, getScene().getWindow());
            }
            logWindow.show();
        }));
        // The buttons keep their words ("Stop s..." was all a busy status bar left of one); the labels give way.
        serverToggle.setMinWidth(Region.USE_PREF_SIZE);
        logButton.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(serverToggle, serverStatus, counters, database, spacer, logButton, version);
        bar.getStyleClass().add("status-bar");
        bar.setSpacing(14);
        return bar;
    }

    private void showServerState(Workbench.ServerState state) {
        serverStatus.setText(state.summary());
        serverStatus.setTooltip(new Tooltip(state.summary()));
        serverStatus.setGraphic((state instanceof Workbench.Serving ? Icons.SERVER_RUNNING : Icons.SERVER_STOPPED).create());
        boolean serving = state instanceof Workbench.Serving;
        serverToggle.setText(serving ? "Stop server" : "Start server");
        serverToggle.setGraphic((serving ? Icons.STOP : Icons.START).create());
        serverToggle.setDisable(state instanceof Workbench.Starting);
        serverToggle.setTooltip(new Tooltip(serving ? "Stop the server (and the lab fleet, if the lab runs); leases stay stored"
                : "Start the DHCP server with " + workbench.configurationFile() + "; it answers real clients on that network"));
        context.live().refresh();
    }

    private void showCounters(DashboardFeed.Snapshot snapshot) {
        counters.setText(snapshot.serving() ? String.format(Locale.ROOT, "%,d active · %.1f DORA/s · %,d dropped",
                snapshot.activeLeases(), snapshot.doraPerSecond(), snapshot.drops()) : "");
    }

    private void toggleServer() {
        if (workbench.state() instanceof Workbench.Serving) {
            workbench.stop();
        } else if (!workbench.hasConfiguration()) {
            openSetup();
        } else {
            DesktopSettings settings = context.settings().current();
            FxBackground.whenDone(workbench.startConfigured(Optional.of(settings.historyRetention()), settings.sampleInterval()),
                    state -> {
                        if (state instanceof Workbench.Failed failed) {
                            // The status bar keeps the reason; the pop-up makes sure it is seen.
                            notify(new LiveFigures.Alert(java.time.Instant.now(), AlertMonitor.Level.CRITICAL,
                                    "The server did not start: " + failed.reason()));
                        }
                    }, failure -> notify(new LiveFigures.Alert(java.time.Instant.now(), AlertMonitor.Level.CRITICAL,
                            failure.getMessage())));
        }
    }

    private void show(Page page) {
        current = page;
        this.page.getChildren().setAll(views.computeIfAbsent(page, shown -> PageViews.create(shown, workbench, context)));
    }
}
