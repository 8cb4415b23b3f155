package org.leasedesk.ui;

import javafx.application.Platform;
import javafx.scene.Node;
import org.leasedesk.app.Workbench;

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
import javafx.scene.layout.VBox;
import org.leasedesk.app.ApplicationInfo;
import org.leasedesk.ui.common.Icons;

/** The main window's layout: navigation on the left, the current view in the centre, a status bar below. */
final class MainWindow extends BorderPane {

    private final ToggleGroup navigation = new ToggleGroup();
    private final Map<Page, ToggleButton> buttons = new EnumMap<>(Page.class);
    /** Views are built on first visit and kept, so a search or a half-filled form survives switching away. */
    private final Map<Page, Node> views = new EnumMap<>(Page.class);
    private final Workbench workbench;
    private final Label serverStatus = new Label();

    MainWindow(Workbench workbench) {
        this.workbench = workbench;
        getStyleClass().add("main-window");
        setLeft(createNavigation());
        setBottom(createStatusBar());
        navigation.selectedToggleProperty().addListener((observable, previous, selected) -> {
            if (selected == null) {
                // Keep one view selected: clicking the current button again must not empty the window.
                navigation.selectToggle(previous);
            } else {
                show((Page) selected.getUserData());
            }
        });
        navigation.selectToggle(buttons.get(Page.DASHBOARD));
        // A view asking for an address's history: show the History page and hand the request to its view.
        addEventHandler(org.leasedesk.ui.common.ShowHistoryEvent.SHOW_HISTORY, request -> {
            if (request.getTarget() == views.get(Page.HISTORY)) {
                return; // the copy handed to the History view, bubbling back up
            }
            request.consume();
            navigation.selectToggle(buttons.get(Page.HISTORY));
            javafx.event.Event.fireEvent(views.get(Page.HISTORY), request.copyFor(this, views.get(Page.HISTORY)));
        });
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
            button.setTooltip(new Tooltip(page.purpose()));
            button.setId("nav-" + page.name().toLowerCase(Locale.ROOT));
            buttons.put(page, button);
            box.getChildren().add(button);
        }
        return box;
    }

    private HBox createStatusBar() {
        serverStatus.setId("status-server");
        showServerState(workbench.state());
        workbench.addListener(new Workbench.Listener() {
            @Override
            public void serverStateChanged(Workbench.ServerState state) {
                Platform.runLater(() -> showServerState(state));
            }
        });
        Label database = new Label(workbench.databaseFile().toString());
        database.setId("status-database");
        database.setTooltip(new Tooltip("The lease database this window reads and the server writes"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label version = new Label(ApplicationInfo.nameAndVersion());
        HBox bar = new HBox(serverStatus, database, spacer, version);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void showServerState(Workbench.ServerState state) {
        serverStatus.setText(state.summary());
        serverStatus.setGraphic((state instanceof Workbench.Serving ? Icons.SERVER_RUNNING : Icons.SERVER_STOPPED).create());
    }

    private void show(Page page) {
        setCenter(views.computeIfAbsent(page, shown -> PageViews.create(shown, workbench)));
    }
}
