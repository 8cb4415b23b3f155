package org.leasedesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.controlsfx.control.Notifications;
import org.leasedesk.app.RecentLog;
import org.leasedesk.app.Workbench;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private Stage stage;
    private Workbench workbench;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        workbench = Workbench.open(Files.createTempDirectory("leasedesk-ui").resolve("leases"), Clock.systemUTC());
        LeaseDeskApp.show(stage, workbench);
    }

    @AfterEach
    void closeWorkbench() {
        workbench.close();
    }

    @Test
    void windowShowsTheApplicationNameAndOpensOnTheDashboard(FxRobot robot) {
        assertThat(stage.getTitle()).isEqualTo("LeaseDesk");
        assertThat(robot.lookup("#page-dashboard").tryQuery()).isPresent();
        assertThat(robot.lookup("#status-server").queryAs(Label.class).getText()).isEqualTo("Server stopped");
        assertThat(robot.lookup("#status-database").queryAs(Label.class).getText()).endsWith("leases.mv.db");
    }

    @Test
    void navigationShowsTheChosenView(FxRobot robot) {
        robot.clickOn("#nav-leases");

        assertThat(robot.lookup("#page-leases").tryQuery()).isPresent();
        assertThat(robot.lookup("#page-dashboard").tryQuery()).isEmpty();
        assertThat(robot.lookup("#nav-leases").queryAs(ToggleButton.class).isSelected()).isTrue();
    }

    @Test
    void clickingTheCurrentViewAgainKeepsItShown(FxRobot robot) {
        robot.clickOn("#nav-dashboard");

        assertThat(robot.lookup("#nav-dashboard").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(robot.lookup("#page-dashboard").tryQuery()).isPresent();
    }

    @Test
    void everyViewIsReachableFromTheNavigation(FxRobot robot) {
        for (Page page : Page.values()) {
            String id = page.name().toLowerCase(java.util.Locale.ROOT);
            robot.clickOn("#nav-" + id);
            assertThat(robot.lookup("#page-" + id).tryQuery()).as(page.title()).isPresent();
        }
    }

    @Test
    void aNotificationOverTheWindowIsStyledWithoutCssErrors(FxRobot robot) {
        // JavaFX reports CSS it cannot apply on java.util.logging's "javafx.css", not through SLF4J.
        java.util.logging.Logger css = java.util.logging.Logger.getLogger("javafx.css");
        List<String> reported = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                reported.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        css.addHandler(handler);
        try {
            robot.interact(() -> Notifications.create().title("Warning").text("a pool near exhaustion").owner(stage)
                    .hideAfter(javafx.util.Duration.seconds(30)).showWarning());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup(".notification-bar").tryQuery()).as("the notification is shown").isPresent();
            assertThat(reported).isEmpty();
        } finally {
            css.removeHandler(handler);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLogWindowShowsWhatWasLogged(FxRobot robot) {
        LoggerFactory.getLogger("org.leasedesk.ui.LogProbe").warn("a warning the admin should read");

        robot.clickOn("#show-log");

        ListView<RecentLog.Line> lines = robot.lookup("#log-lines").queryAs(ListView.class);
        assertThat(lines.getItems()).extracting(RecentLog.Line::text)
                .anyMatch(text -> text.endsWith("LogProbe - a warning the admin should read"));
    }
}
