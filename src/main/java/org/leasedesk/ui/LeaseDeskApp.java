package org.leasedesk.ui;

import atlantafx.base.theme.PrimerLight;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.leasedesk.app.ApplicationInfo;

/** The JavaFX application: one main window. */
public final class LeaseDeskApp extends Application {

    /** Starts the toolkit, shows the main window and returns when the user closes it. */
    public static void launchAndWait() {
        Application.launch(LeaseDeskApp.class);
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        MainWindow window = new MainWindow();
        Scene scene = new Scene(window, 1200, 760);
        scene.getStylesheets().add(stylesheet());
        stage.setTitle(ApplicationInfo.NAME);
        stage.getIcons().add(new Image(Objects.requireNonNull(
                LeaseDeskApp.class.getResourceAsStream("/org/leasedesk/ui/icon-256.png"), "bundled app icon")));
        stage.setMinWidth(800);
        stage.setMinHeight(520);
        stage.setScene(scene);
        stage.show();
    }

    static String stylesheet() {
        return Objects.requireNonNull(LeaseDeskApp.class.getResource("/org/leasedesk/ui/leasedesk.css"), "bundled stylesheet")
                .toExternalForm();
    }
}
