package org.leasedesk.ui;

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

    MainWindow() {
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
        Label server = new Label("Server stopped", Icons.SERVER_STOPPED.create());
        server.setId("status-server");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label version = new Label(ApplicationInfo.nameAndVersion());
        HBox bar = new HBox(server, spacer, version);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void show(Page page) {
        Label title = new Label(page.title());
        title.getStyleClass().add("page-title");
        Label purpose = new Label(page.purpose());
        purpose.getStyleClass().add("page-purpose");
        purpose.setWrapText(true);
        VBox content = new VBox(title, purpose);
        content.getStyleClass().add("page");
        content.setId("page-" + page.name().toLowerCase(Locale.ROOT));
        setCenter(content);
    }
}
