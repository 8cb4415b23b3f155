package org.leasedesk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasedesk.ui.LabFixture.waitUntil;

import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.ui.common.Dialogs;
import org.leasedesk.ui.leases.LeaseRow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class LeasesViewTest {

    private LabFixture lab;

    @Start
    void start(Stage stage) throws Exception {
        lab = new LabFixture();
        lab.obtain("00:00:5e:00:53:01", "laptop");
        lab.obtain("00:00:5e:00:53:02", "printer");
        lab.obtain("02:11:22:33:44:55", "phone");
        LeaseDeskApp.show(stage, lab.workbench);
    }

    @AfterEach
    void stop() throws Exception {
        lab.close();
    }

    @SuppressWarnings("unchecked")
    private TableView<LeaseRow> table(FxRobot robot) {
        return robot.lookup("#lease-table").queryAs(TableView.class);
    }

    private List<String> hostnames(FxRobot robot) {
        return table(robot).getItems().stream().map(row -> row.lease().hostname()).toList();
    }

    private LeaseState stateOf(FxRobot robot, String hostname) {
        return table(robot).getItems().stream().filter(row -> row.lease().hostname().equals(hostname)).findFirst().orElseThrow()
                .lease().state();
    }

    private void select(FxRobot robot, String hostname) {
        robot.interact(() -> {
            TableView<LeaseRow> table = table(robot);
            table.getItems().stream().filter(row -> row.lease().hostname().equals(hostname)).findFirst()
                    .ifPresent(row -> table.getSelectionModel().select(row));
        });
    }

    @Test
    void searchesAcrossColumnsAndFiltersByState(FxRobot robot) throws Exception {
        robot.clickOn("#nav-leases");
        waitUntil(() -> table(robot).getItems().size() == 3);
        assertThat(table(robot).getItems()).filteredOn(row -> row.lease().hostname().equals("phone"))
                .singleElement().satisfies(row -> {
                    assertThat(row.randomised()).as("02:... is locally administered").isTrue();
                    assertThat(row.vendor()).contains("randomised");
                });

        robot.clickOn("#lease-search").write("printer");
        waitUntil(() -> table(robot).getItems().size() == 1);
        assertThat(hostnames(robot)).containsExactly("printer");

        robot.doubleClickOn("#lease-search").eraseText(7).write("00-00-5e-00-53-01");
        waitUntil(() -> hostnames(robot).equals(List.of("laptop")));
        assertThat(robot.lookup("#lease-count").queryAs(Label.class).getText()).isEqualTo("1 of 3 leases shown");

        robot.interact(() -> robot.lookup("#lease-search").queryAs(javafx.scene.control.TextField.class).clear());
        waitUntil(() -> table(robot).getItems().size() == 3);
        robot.interact(() -> robot.lookup("#lease-state").queryAs(ComboBox.class).setValue(LeaseState.RELEASED));
        assertThat(table(robot).getItems()).isEmpty();
        robot.interact(() -> robot.lookup("#lease-state").queryAs(ComboBox.class).setValue(LeaseState.ACTIVE));
        assertThat(table(robot).getItems()).hasSize(3);
    }

    @Test
    void releasesAndQuarantinesWithConfirmation(FxRobot robot) throws Exception {
        robot.clickOn("#nav-leases");
        waitUntil(() -> table(robot).getItems().size() == 3);

        select(robot, "laptop");
        robot.clickOn("#lease-release");
        waitUntil(() -> stateOf(robot, "laptop") == LeaseState.RELEASED);
        assertThat(robot.lookup("#leases-message").queryAs(Label.class).getText()).startsWith("Released 192.0.2.");

        select(robot, "printer");
        robot.clickOn("#lease-quarantine");
        robot.clickOn("#" + Dialogs.CANCEL_ID);
        assertThat(stateOf(robot, "printer")).as("cancelled").isEqualTo(LeaseState.ACTIVE);

        robot.clickOn("#lease-quarantine");
        robot.clickOn("#" + Dialogs.CONFIRM_ID);
        waitUntil(() -> stateOf(robot, "printer") == LeaseState.RELEASED);
        assertThat(lab.workbench.server().orElseThrow().denied()).extracting(d -> d.hardwareAddress().toString())
                .containsExactly("00:00:5e:00:53:02");
        waitUntil(() -> robot.lookup("#leases-message").queryAs(Label.class).getText().startsWith("Quarantined 00:00:5e:00:53:02"));
    }

    @Test
    void newLeasesAppearWhileTheTableIsShownAndBulkReleaseAsksOnce(FxRobot robot) throws Exception {
        robot.clickOn("#nav-leases");
        waitUntil(() -> table(robot).getItems().size() == 3);

        lab.obtain("00:00:5e:00:53:09", "tablet");
        waitUntil(() -> hostnames(robot).contains("tablet"));

        robot.interact(() -> table(robot).getSelectionModel().selectAll());
        robot.clickOn("#lease-release-selected");
        robot.clickOn("#" + Dialogs.CONFIRM_ID);
        waitUntil(() -> table(robot).getItems().stream().allMatch(row -> row.lease().state() == LeaseState.RELEASED));
    }
}
