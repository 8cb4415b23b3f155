package org.leasedesk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasedesk.ui.LabFixture.waitUntil;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leasedesk.lease.HostIdentifier;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.ui.common.Dialogs;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class PoolsViewTest {

    private LabFixture lab;

    @Start
    void start(Stage stage) throws Exception {
        lab = new LabFixture();
        lab.obtain("00:00:5e:00:53:01", "laptop");
        LeaseDeskApp.show(stage, lab.workbench);
    }

    @AfterEach
    void stop() throws Exception {
        lab.close();
    }

    private String runningPool() throws Exception {
        return lab.workbench.server().orElseThrow().configuration().get(5, TimeUnit.SECONDS).subnets().get(0).pools().get(0)
                .pool().toString();
    }

    @Test
    void aBadPoolIsShownUnderItsFieldAndApplyChangesNothing(FxRobot robot) throws Exception {
        robot.clickOn("#nav-pools");
        waitUntil(() -> robot.lookup("#pool-0").tryQuery().isPresent());
        String before = Files.readString(lab.config);

        robot.interact(() -> robot.lookup("#pool-0").queryAs(TextField.class).setText("10.0.0.1 - 10.0.0.9"));
        waitUntil(() -> robot.lookup("#error-Dhcp4-subnet4-0-pools-0-").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#error-Dhcp4-subnet4-0-pools-0-").queryAs(Label.class).getText()).contains("is not inside subnet 192.0.2.0/24");

        robot.clickOn("#pools-apply");
        waitUntil(() -> robot.lookup("#pools-message").queryAs(Label.class).getText().startsWith("Nothing was changed"));
        assertThat(Files.readString(lab.config)).isEqualTo(before);
        assertThat(runningPool()).contains("192.0.2.10");

        robot.clickOn("#pools-revert");
        waitUntil(() -> robot.lookup("#pool-0").queryAs(TextField.class).getText().equals("192.0.2.10 - 192.0.2.41"));
    }

    @Test
    void anEditedPoolIsSavedAndTheServerAppliesIt(FxRobot robot) throws Exception {
        robot.clickOn("#nav-pools");
        waitUntil(() -> robot.lookup("#pool-0").tryQuery().isPresent());

        robot.interact(() -> {
            robot.lookup("#pool-0").queryAs(TextField.class).setText("192.0.2.10 - 192.0.2.99");
            robot.lookup("#subnet-valid-lifetime").queryAs(TextField.class).setText("1800");
        });
        robot.clickOn("#pools-apply");

        waitUntil(() -> robot.lookup("#pools-message").queryAs(Label.class).getText().contains("the server applied it"));
        assertThat(runningPool()).isEqualTo("192.0.2.10 - 192.0.2.99");
        assertThat(lab.workbench.server().orElseThrow().configuration().get(5, TimeUnit.SECONDS).subnets().get(0).lifetimes().valid())
                .isEqualTo(1800);
        assertThat(Files.readString(lab.config)).contains("192.0.2.10 - 192.0.2.99", "\"valid-lifetime\" : 1800");
        waitUntil(() -> robot.lookup("#heatmap-summary").queryAs(Label.class).getText().contains(": 90 addresses"));
        assertThat(robot.lookup("#heatmap-summary").queryAs(Label.class).getText()).contains("leased 1");
    }

    @Test
    void clickingAnAddressOfTheHeatMapShowsItsHolderAndHistory(FxRobot robot) throws Exception {
        robot.clickOn("#nav-pools");
        waitUntil(() -> robot.lookup("#heatmap-summary").queryAs(Label.class).getText().contains("leased 1"));

        robot.clickOn("Address map");
        javafx.scene.Node grid = robot.lookup("#pool-heatmap").query();
        // The first address of the pool, 192.0.2.10, is the leased one: its cell is the top-left one.
        robot.clickOn(grid.localToScreen(grid.getLayoutBounds().getMinX() + 3, grid.getLayoutBounds().getMinY() + 3));

        waitUntil(() -> robot.lookup("#heatmap-detail").queryAs(Label.class).getText().contains("GRANTED"));
        assertThat(robot.lookup("#heatmap-detail").queryAs(Label.class).getText())
                .startsWith("192.0.2.10: active, laptop 00:00:5e:00:53:01");
    }

    private java.util.List<Long> runningSubnetIds() throws Exception {
        return lab.workbench.server().orElseThrow().configuration().get(5, TimeUnit.SECONDS).subnets().stream()
                .map(subnet -> subnet.id()).toList();
    }

    private void type(FxRobot robot, String field, String text) {
        robot.interact(() -> robot.lookup(field).queryAs(TextField.class).setText(text));
    }

    @Test
    void aSubnetAddedInTheFormIsCheckedThenServedAndARemovedOneIsNot(FxRobot robot) throws Exception {
        robot.clickOn("#nav-pools");
        waitUntil(() -> robot.lookup("#pool-0").tryQuery().isPresent());

        robot.clickOn("#subnet-add");
        // The new subnet has no prefix yet: the loader's complaint shows under the field.
        waitUntil(() -> robot.lookup("#error-Dhcp4-subnet4-1-subnet").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#subnet-id").queryAs(TextField.class).getText()).isEqualTo("2");
        type(robot, "#subnet-subnet", "198.51.100.0/24");
        type(robot, "#pool-0", "198.51.100.10 - 198.51.100.20");
        waitUntil(() -> !robot.lookup("#error-Dhcp4-subnet4-1-subnet").queryAs(Label.class).isVisible());
        robot.clickOn("#pools-apply");
        waitUntil(() -> robot.lookup("#pools-message").queryAs(Label.class).getText().contains("the server applied it"));
        assertThat(runningSubnetIds()).containsExactly(1L, 2L);

        robot.interact(() -> robot.lookup("#pools-subnets").queryListView().getSelectionModel().select(0));
        robot.clickOn("#subnet-remove");
        robot.clickOn("#" + org.leasedesk.ui.common.Dialogs.CONFIRM_ID);
        waitUntil(() -> robot.lookup("#pools-subnets").queryListView().getItems().size() == 1);
        robot.clickOn("#pools-apply");
        waitUntil(() -> robot.lookup("#pools-message").queryAs(Label.class).getText().contains("the server applied it"));
        assertThat(runningSubnetIds()).containsExactly(2L);
    }

    @Test
    void leaseTimesAndOptionsForEverySubnetAreEditedAndApplied(FxRobot robot) throws Exception {
        robot.clickOn("#nav-pools");
        waitUntil(() -> robot.lookup("#global-valid-lifetime").tryQuery().isPresent());
        assertThat(robot.lookup("#global-valid-lifetime").queryAs(TextField.class).getText()).isEqualTo("600");

        type(robot, "#global-rebind-timer", "later");
        waitUntil(() -> robot.lookup("#error-Dhcp4-rebind-timer").queryAs(Label.class).isVisible());
        type(robot, "#global-rebind-timer", "");
        type(robot, "#global-valid-lifetime", "1200");
        robot.clickOn("#global-option-add");
        waitUntil(() -> robot.lookup("#global-option-data-0").tryQuery().isPresent());
        type(robot, "#global-option-name-0", "domain-name-servers");
        type(robot, "#global-option-data-0", "192.0.2.53");
        robot.clickOn("#pools-apply");

        waitUntil(() -> robot.lookup("#pools-message").queryAs(Label.class).getText().contains("the server applied it"));
        assertThat(lab.workbench.server().orElseThrow().configuration().get(5, TimeUnit.SECONDS).subnets().get(0).lifetimes().valid())
                .isEqualTo(1200);
        assertThat(Files.readString(lab.config)).contains("\"valid-lifetime\" : 1200", "\"domain-name-servers\"", "192.0.2.53")
                .doesNotContain("rebind-timer");
    }

    @Test
    void aFileWithCommentsIsSavedOnlyAfterTheAdminAcceptsLosingThem(FxRobot robot) throws Exception {
        String commented = "// written by hand\n" + Files.readString(lab.config);
        Files.writeString(lab.config, commented);
        robot.clickOn("#nav-pools");
        waitUntil(() -> robot.lookup("#pools-message").queryAs(Label.class).getText().contains("This file has comments"));
        type(robot, "#subnet-valid-lifetime", "900");

        robot.clickOn("#pools-apply");
        robot.clickOn("#" + org.leasedesk.ui.common.Dialogs.CANCEL_ID);
        waitUntil(() -> robot.lookup("#pools-message").queryAs(Label.class).getText().equals("Nothing was saved."));
        assertThat(Files.readString(lab.config)).isEqualTo(commented);

        robot.clickOn("#pools-apply");
        robot.clickOn("#" + org.leasedesk.ui.common.Dialogs.CONFIRM_ID);
        waitUntil(() -> robot.lookup("#pools-message").queryAs(Label.class).getText().contains("kept as"));
        assertThat(Files.readString(lab.config.resolveSibling("kea-dhcp4.conf.orig"))).isEqualTo(commented);
        assertThat(Files.readString(lab.config)).doesNotContain("written by hand").contains("\"valid-lifetime\" : 900");
    }

    private String text(FxRobot robot, String field) {
        return robot.lookup(field).queryAs(TextField.class).getText();
    }

    /** Presses a button of the form, which may be scrolled out of the window. */
    private void press(FxRobot robot, String button) {
        robot.interact(() -> robot.lookup(button).queryButton().fire());
    }

    private void choose(FxRobot robot, String comboBox, HostIdentifier.Type type) {
        robot.interact(() -> robot.lookup(comboBox).<HostIdentifier.Type>queryComboBox().getSelectionModel().select(type));
    }

    private Label label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class);
    }

    @Test
    void aReservationByDuidAndOneForAPickedClientAreSavedUnderTheirIdentifiersAndServed(FxRobot robot) throws Exception {
        // Sends option 61, as Windows does: the server still tries its MAC first.
        Ipv4Address tablet = lab.clients.obtain(lab.server(), "00:00:5e:00:53:02", "tablet",
                HexFormat.ofDelimiter(":").parseHex("01:00:00:5e:00:53:02"));
        robot.clickOn("#nav-pools");
        waitUntil(() -> robot.lookup("#reservation-add").tryQuery().isPresent());

        press(robot, "#reservation-add");
        waitUntil(() -> robot.lookup("#reservation-type-0").tryQuery().isPresent());
        assertThat(robot.lookup(".column-heading").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("Identifier", "Value", "Address", "Host name");
        choose(robot, "#reservation-type-0", HostIdentifier.Type.FLEX_ID);
        waitUntil(() -> label(robot, "#reservation-note-0").isVisible());
        assertThat(label(robot, "#reservation-note-0").getText()).contains("Kea's flex_id hook", "matches no client");
        choose(robot, "#reservation-type-0", HostIdentifier.Type.DUID);
        waitUntil(() -> !label(robot, "#reservation-note-0").isVisible());
        assertThat(robot.lookup("#reservation-value-0").queryAs(TextField.class).getPromptText()).isEqualTo("00:03:00:01:aa:bb:cc:dd:ee:ff");
        type(robot, "#reservation-value-0", "00:03:00:01:00:00:5e:00:53:99");
        type(robot, "#reservation-address-0", "192.0.2.5");
        type(robot, "#reservation-hostname-0", "printer");

        press(robot, "#reservation-for-client");
        waitUntil(() -> robot.lookup("#" + Dialogs.CHOICE_LIST_ID).tryQuery().isPresent());
        robot.interact(() -> {
            ListView<Lease> clients = robot.lookup("#" + Dialogs.CHOICE_LIST_ID).query();
            assertThat(clients.getItems()).extracting(Lease::hostname).containsExactly("laptop", "tablet");
            clients.getSelectionModel().select(1);
        });
        String sentence = "This client presents hw-address 00:00:5e:00:53:02 and client-id 01:00:00:5e:00:53:02;"
                + " the server tries hw-address first, so a reservation by hw-address matches it.";
        assertThat(label(robot, "#" + Dialogs.CHOICE_DETAIL_ID).getText()).isEqualTo(sentence);
        robot.clickOn("#" + Dialogs.CONFIRM_ID);

        waitUntil(() -> robot.lookup("#reservation-value-1").tryQuery().isPresent());
        assertThat(robot.lookup("#reservation-type-1").queryAs(ComboBox.class).getValue()).isEqualTo(HostIdentifier.Type.HW_ADDRESS);
        assertThat(text(robot, "#reservation-value-1")).isEqualTo("00:00:5e:00:53:02");
        assertThat(text(robot, "#reservation-address-1")).isEqualTo(tablet.toString());
        assertThat(text(robot, "#reservation-hostname-1")).isEqualTo("tablet");
        assertThat(label(robot, "#reservation-note-1").isVisible()).isTrue();
        assertThat(label(robot, "#reservation-note-1").getText()).isEqualTo(sentence);
        assertThat(text(robot, "#reservation-value-0")).as("the typed row, after the form was rebuilt").isEqualTo("00:03:00:01:00:00:5e:00:53:99");

        robot.clickOn("#pools-apply");
        waitUntil(() -> label(robot, "#pools-message").getText().contains("the server applied it"));
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(Files.readString(lab.config)).at("/Dhcp4/subnet4/0/reservations")).isEqualTo(json.readTree("""
                [ { "duid": "00:03:00:01:00:00:5e:00:53:99", "ip-address": "192.0.2.5", "hostname": "printer" },
                  { "hw-address": "00:00:5e:00:53:02", "ip-address": "%s", "hostname": "tablet" } ]""".formatted(tablet)));
        assertThat(lab.workbench.server().orElseThrow().configuration().get(5, TimeUnit.SECONDS).subnets().get(0).reservations())
                .extracting(reservation -> reservation.identifier().toString())
                .containsExactly("duid=00:03:00:01:00:00:5e:00:53:99", "hw-address=00:00:5e:00:53:02");
    }
}
