package org.leasedesk.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.leasedesk.app.Workbench;
import org.leasedesk.app.lab.LabSettings;

/**
 * Screenshots of the views while the lab runs, rendered headless (Monocle) and written as PNG:
 * {@code java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw ... ScreenshotMain <dir> [dark]}.
 */
public final class ScreenshotMain {

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/screenshots"));
        Path data = Files.createTempDirectory("leasedesk-shots");
        if (args.length > 1 && args[1].equals("dark")) {
            Files.writeString(data.resolve("desktop-settings.json"), "{ \"theme\": \"dark\" }");
        }
        Workbench workbench = Workbench.open(data.resolve("leases"), Clock.systemUTC());
        Stage[] stage = new Stage[1];
        CompletableFuture<Void> shown = new CompletableFuture<>();
        Platform.startup(() -> {
            stage[0] = new Stage();
            stage[0].setWidth(1440);
            stage[0].setHeight(900);
            LeaseDeskApp.show(stage[0], workbench);
            shown.complete(null);
        });
        shown.join();
        workbench.startLab(new LabSettings(60, 64, 15, 0.15, 0.03, java.time.Duration.ofSeconds(30),
                java.time.Duration.ofSeconds(2))).join();
        Thread.sleep(25_000);
        shoot(stage[0].getScene(), out.resolve("dashboard.png"));
        click(stage[0].getScene(), "#nav-history");
        onFx(() -> ((javafx.scene.control.Button) stage[0].getScene().lookup("#history-search")).fire());
        Thread.sleep(2_000);
        shoot(stage[0].getScene(), out.resolve("history.png"));
        click(stage[0].getScene(), "#nav-settings");
        Thread.sleep(500);
        shoot(stage[0].getScene(), out.resolve("settings.png"));
        workbench.close();
        Platform.exit();
        System.exit(0);
    }

    private static void click(Scene scene, String id) throws Exception {
        onFx(() -> ((ToggleButton) scene.lookup(id)).fire());
        Thread.sleep(1_000);
    }

    private static void onFx(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            action.run();
            done.complete(null);
        });
        done.join();
    }

    private static void shoot(Scene scene, Path file) throws IOException {
        CompletableFuture<WritableImage> image = new CompletableFuture<>();
        Platform.runLater(() -> image.complete(scene.snapshot(null)));
        WritableImage shot = image.join();
        PixelReader pixels = shot.getPixelReader();
        BufferedImage buffered = new BufferedImage((int) shot.getWidth(), (int) shot.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < buffered.getHeight(); y++) {
            for (int x = 0; x < buffered.getWidth(); x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(buffered, "png", file.toFile());
    }
}
