package org.leasedesk.ui;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.leasedesk.app.RecentLog;

/**
 * What LeaseDesk logged lately, in a window of its own: newest at the bottom, warnings and errors
 * coloured, refreshed twice a second while it is open.
 */
final class LogWindow {

    private final ListView<RecentLog.Line> lines = new ListView<>();
    private final Stage stage = new Stage();
    private long lastSeen;

    LogWindow(RecentLog log, Window owner) {
        lines.setId("log-lines");
        lines.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(RecentLog.Line line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("log-warn", "log-error");
                setText(empty || line == null ? null : line.text());
                if (!empty && line != null && (line.level().equals("WARN") || line.level().equals("ERROR"))) {
                    getStyleClass().add(line.level().equals("WARN") ? "log-warn" : "log-error");
                }
            }
        });
        Timeline refresh = new Timeline(new KeyFrame(Duration.millis(500), event -> append(log)));
        refresh.setCycleCount(Timeline.INDEFINITE);
        Scene scene = new Scene(lines, 980, 520);
        scene.getStylesheets().add(LeaseDeskApp.stylesheet());
        stage.setScene(scene);
        stage.setTitle("LeaseDesk log");
        stage.initOwner(owner);
        stage.setOnShown(event -> refresh.play());
        // A window without buttons closes with Escape, like a dialog.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                stage.hide();
            }
        });
        stage.setOnHidden(event -> refresh.stop());
        append(log);
    }

    void show() {
        stage.show();
        stage.toFront();
    }

    private void append(RecentLog log) {
        var newer = log.since(lastSeen);
        if (newer.isEmpty()) {
            return;
        }
        lastSeen = newer.getLast().sequence();
        boolean atEnd = lines.getItems().isEmpty() || lines.getSelectionModel().isEmpty();
        lines.getItems().addAll(newer);
        if (lines.getItems().size() > 2000) {
            lines.getItems().remove(0, lines.getItems().size() - 2000);
        }
        if (atEnd) {
            lines.scrollTo(lines.getItems().size() - 1);
        }
    }
}
