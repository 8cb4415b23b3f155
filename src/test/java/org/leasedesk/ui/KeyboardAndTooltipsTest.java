package org.leasedesk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasedesk.ui.LabFixture.waitUntil;

import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.ui.common.Dialogs;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window with the keyboard alone, and a tooltip on every button of every page, with the lab serving so every page is full. */
@ExtendWith(ApplicationExtension.class)
class KeyboardAndTooltipsTest {

    private LabFixture lab;
    private Stage stage;
    /** Leased before the History page exists, whose "at this time" is the moment it was built. */
    private Ipv4Address laptop;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        lab = new LabFixture();
        laptop = lab.obtain("00:00:5e:00:53:01", "laptop");
        LeaseDeskApp.show(stage, lab.workbench);
    }

    @AfterEach
    void stop(FxRobot robot) throws Exception {
        robot.interact(stage::hide);
        lab.close();
    }

    private static String id(Page page) {
        return page.name().toLowerCase(Locale.ROOT);
    }

    private static void shortcut(FxRobot robot, Page page) {
        robot.press(KeyCode.SHORTCUT).type(KeyCode.valueOf("DIGIT" + (page.ordinal() + 1))).release(KeyCode.SHORTCUT);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean shown(FxRobot robot, Page page) {
        return robot.lookup("#page-" + id(page)).tryQuery().isPresent();
    }

    private static boolean inside(Node node, Node ancestor) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at == ancestor) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyPageIsReachedAndUsedWithTheKeyboardAlone(FxRobot robot) throws Exception {
        // Keys go to the focused window: a pop-up left by an earlier test must not take them.
        robot.interact(() -> {
            stage.toFront();
            stage.requestFocus();
        });
        for (Page page : Page.values()) {
            shortcut(robot, page);
            assertThat(shown(robot, page)).as("Ctrl+%d opens %s", page.ordinal() + 1, page.title()).isTrue();
            assertThat(robot.lookup("#nav-" + id(page)).queryAs(ToggleButton.class).isFocused()).isTrue();
        }

        // The arrow keys walk the navigation like a list, wrapping round.
        shortcut(robot, Page.DASHBOARD);
        robot.type(KeyCode.DOWN);
        assertThat(shown(robot, Page.LEASES)).isTrue();
        robot.type(KeyCode.UP, 2);
        assertThat(shown(robot, Page.SETTINGS)).as("up from the first page wraps to the last").isTrue();

        // Tab leaves the navigation for the page itself, not for the status bar.
        robot.type(KeyCode.TAB);
        Node page = robot.lookup("#page-settings").query();
        assertThat(inside(stage.getScene().getFocusOwner(), page)).as("focus after Tab: %s", stage.getScene().getFocusOwner()).isTrue();

        // Enter fires the page's default button: Settings saves.
        robot.type(KeyCode.ENTER);
        waitUntil(30, () -> !robot.lookup("#settings-message").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#settings-message").queryAs(Label.class).getText()).startsWith("Saved.");

        // The History page: Enter in the holder's fields looks the holder up.
        shortcut(robot, Page.HISTORY);
        // Focus rather than a click: the page's first search may still move the field when its results arrive.
        robot.interact(() -> robot.lookup("#holder-address").query().requestFocus());
        robot.write(laptop.toString()).type(KeyCode.ENTER);
        waitUntil(() -> !robot.lookup("#holder-result").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#holder-result").queryAs(Label.class).getText()).contains("was held by", "(laptop)");
    }

    @Test
    void escapeCancelsAConfirmationAndClosesTheLogWindow(FxRobot robot) throws Exception {
        shortcut(robot, Page.POOLS);
        waitUntil(() -> !robot.lookup("#pools-subnets").queryListView().getItems().isEmpty());
        robot.interact(() -> robot.lookup("#pools-subnets").queryListView().getSelectionModel().select(0));
        robot.clickOn("#subnet-remove");
        assertThat(robot.lookup("#" + Dialogs.CONFIRM_ID).tryQuery()).as("the confirmation").isPresent();

        robot.type(KeyCode.ESCAPE);

        assertThat(robot.lookup("#" + Dialogs.CONFIRM_ID).tryQuery()).isEmpty();
        assertThat(robot.lookup("#pools-subnets").queryListView().getItems()).hasSize(1);

        robot.clickOn("#show-log");
        waitUntil(() -> robot.lookup("#log-lines").tryQuery().isPresent());
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> Window.getWindows().size() == 1);
    }

    @Test
    void everyButtonOfEveryPageHasATooltip(FxRobot robot) throws Exception {
        for (Page page : Page.values()) {
            shortcut(robot, page);
            if (page == Page.POOLS) {
                // The form, with its add and remove buttons, is built once the configuration is read.
                waitUntil(() -> robot.lookup("#pool-0").tryQuery().isPresent());
            }
            List<String> bare = buttonsWithoutTooltip(stage.getScene().getRoot());
            assertThat(bare).as("buttons without a tooltip on %s (and the navigation and status bar)", page.title()).isEmpty();
        }
    }

    private static List<String> buttonsWithoutTooltip(Parent root) {
        return root.lookupAll("*").stream()
                .filter(node -> node instanceof ButtonBase && node.isVisible())
                .map(ButtonBase.class::cast)
                .filter(button -> button.getTooltip() == null)
                .map(button -> button.getClass().getSimpleName() + " " + button.getId() + " '" + button.getText() + "'")
                .toList();
    }
}
