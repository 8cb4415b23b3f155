package org.leasedesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leasedesk.app.DesktopSettings;
import org.leasedesk.app.DesktopSettingsStore;
import org.leasedesk.app.Workbench;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.ui.common.LiveFigures;
import org.leasedesk.ui.common.Themes;
import org.leasedesk.ui.dashboard.PoolBarProbe;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window's main flows with the lab: leases appear, the dashboard moves, history finds them, the theme sticks. */
@ExtendWith(ApplicationExtension.class)
class DesktopFlowTest {

    private Stage stage;
    private Workbench workbench;
    private Path directory;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        directory = Files.createTempDirectory("leasedesk-ui");
        workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC());
        LeaseDeskApp.show(stage, workbench);
    }

    @AfterEach
    void closeWorkbench(FxRobot robot) {
        robot.interact(stage::hide);
        workbench.close();
    }

    private static long figure(FxRobot robot, String tile) {
        String text = robot.lookup("#tile-" + tile + "-value").queryAs(Label.class).getText().replace(",", "");
        return text.equals("–") ? -1 : (long) Double.parseDouble(text.replace("%", "").strip());
    }

    private static void waitFor(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("within 30 s: " + what, e);
        }
    }

    @Test
    void theLabFromTheWindowFillsTheDashboardAndHistoryFindsItsEvents(FxRobot robot) throws Exception {
        assertThat(figure(robot, "active")).isEqualTo(-1);

        assertThat(robot.lookup("#lab-stop").queryButton().isDisabled()).as("nothing to stop yet").isTrue();
        robot.clickOn("#lab-start");

        waitFor("the lab serving", () -> workbench.state() instanceof Workbench.Serving);
        waitFor("Stop enabled", () -> !robot.lookup("#lab-stop").queryButton().isDisabled());
        assertThat(robot.lookup("#lab-start").queryButton().isDisabled()).as("no second lab while one runs").isTrue();
        AtomicLong highestRate = new AtomicLong();
        waitFor("the lab's 40 clients leased", () -> {
            highestRate.accumulateAndGet(figure(robot, "dora"), Math::max);
            return figure(robot, "active") == 40;
        });
        assertThat(highestRate.get()).as("DORA per second seen while the fleet was leasing").isPositive();
        // The default fleet declines 2 % of its ACKs: each declined address sits in probation, neither leased nor free.
        waitFor("free addresses are the pool less leases and declines",
                () -> figure(robot, "free") == 10 - figure(robot, "declines"));
        long utilisation = figure(robot, "utilisation");
        assertThat(utilisation).isGreaterThanOrEqualTo(80);
        assertThat(figure(robot, "near")).isEqualTo(1);
        assertThat(PoolBarProbe.percentTexts(robot.lookup("#dashboard-pools").query())).containsExactly(utilisation + " %");
        assertThat(robot.lookup("#status-server").queryAs(Label.class).getText()).startsWith("Lab server on 127.0.0.1:");
        assertThat(robot.lookup("#status-counters").queryAs(Label.class).getText()).startsWith("40 active");
        waitFor("the fleet's counters", () -> robot.lookup("#lab-fleet").queryAs(Label.class).getText()
                .contains("40 clients bound"));
        // 40 of 50 addresses crosses the 80 % warning threshold: the server's alert monitor says so in the
        // feed, with the words it stores in the history.
        ListView<LiveFigures.Alert> feed = robot.lookup("#dashboard-alerts").queryListView();
        waitFor("the warning in the alert feed", () -> !feed.getItems().isEmpty());
        assertThat(feed.getItems()).extracting(LiveFigures.Alert::text)
                .anyMatch(text -> text.startsWith("Warning: pool 1/1") && text.contains("warning threshold of 80 %"));

        robot.clickOn("#nav-history");
        robot.clickOn("#history-hostname").write("lab-00001");
        robot.clickOn("#history-search");

        TableView<LeaseEvent> events = robot.lookup("#history-events").queryTableView();
        waitFor("the search's results", () -> !events.getItems().isEmpty());
        assertThat(events.getItems()).extracting(LeaseEvent::hostname).containsOnly("lab-00001");
        assertThat(events.getItems()).extracting(event -> event.type().name()).contains("GRANTED");

        // Who held lab-00001's address just now: lab-00001 itself.
        // The last grant: a client that declined its first address was granted another.
        String address = events.getItems().stream().filter(event -> event.type().name().equals("GRANTED"))
                .reduce((first, second) -> second).orElseThrow().address().toString();
        robot.clickOn("#holder-address").write(address);
        robot.clickOn("#holder-lookup");
        waitFor("the holder", () -> robot.lookup("#holder-result").queryAs(Label.class).getText().contains("lab-00001"));
        assertThat(robot.lookup("#holder-result").queryAs(Label.class).getText()).startsWith(address + " was held by ");

        robot.clickOn("#nav-dashboard");
        robot.clickOn("#lab-stop");
        waitFor("the lab stopped", () -> workbench.lab().isEmpty() && workbench.server().isEmpty());
        waitFor("the tiles emptied", () -> figure(robot, "active") == -1);
        waitFor("Start enabled again", () -> !robot.lookup("#lab-start").queryButton().isDisabled());
        assertThat(robot.lookup("#lab-stop").queryButton().isDisabled()).isTrue();
    }

    @Test
    void switchingTheThemeAppliesItAtOnceAndRemembersIt(FxRobot robot) throws Exception {
        robot.clickOn("#nav-settings");
        robot.clickOn("#theme-dark");

        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Themes.stylesheet(DesktopSettings.Theme.DARK));
        waitFor("the theme saved", () -> new DesktopSettingsStore(directory).load().theme() == DesktopSettings.Theme.DARK);

        robot.interact(stage::hide);
        DesktopSettings remembered = new DesktopSettingsStore(directory).load();
        assertThat(remembered.theme()).isEqualTo(DesktopSettings.Theme.DARK);
        assertThat(remembered.lastView()).isEqualTo("SETTINGS");
        assertThat(remembered.window()).isPresent();

        // The next window opens dark, on the settings view.
        robot.interact(() -> {
            Themes.apply(DesktopSettings.Theme.LIGHT);
            LeaseDeskApp.show(stage, workbench);
        });
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Themes.stylesheet(DesktopSettings.Theme.DARK));
        assertThat(robot.lookup("#page-settings").tryQuery()).isPresent();
        robot.clickOn("#theme-light");
        waitFor("light saved", () -> new DesktopSettingsStore(directory).load().theme() == DesktopSettings.Theme.LIGHT);
        assertThat(List.of(Application.getUserAgentStylesheet())).containsExactly(Themes.stylesheet(DesktopSettings.Theme.LIGHT));
    }
}
