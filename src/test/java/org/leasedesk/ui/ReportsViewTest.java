package org.leasedesk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasedesk.ui.LabFixture.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leasedesk.app.ReportExports;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.report.PdfPages;
import org.leasedesk.ui.common.Dialogs;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ReportsViewTest {

    private LabFixture lab;

    @Start
    void start(Stage stage) throws Exception {
        lab = new LabFixture();
        lab.obtain("00:00:5e:00:53:01", "laptop");
        lab.obtain("00:00:5e:00:53:02", "printer");
        LeaseDeskApp.show(stage, lab.workbench);
    }

    @AfterEach
    void stop() throws Exception {
        lab.close();
    }

    @Test
    void exportsFilteredLeasesWithTheProgressBarAndWritesTheFile(FxRobot robot) throws Exception {
        robot.clickOn("#nav-reports");
        Path target = lab.directory.resolve("printers.csv");
        robot.interact(() -> {
            robot.lookup("#report-format").queryAs(ComboBox.class).setValue(ReportExports.Format.CSV);
            robot.lookup("#report-file").queryAs(TextField.class).setText(target.toString());
            robot.lookup("#report-search").queryAs(TextField.class).setText("printer");
        });

        robot.clickOn("#report-export");

        waitUntil(() -> robot.lookup("#report-result").queryAs(Label.class).getText().startsWith("Wrote"));
        assertThat(robot.lookup("#report-result").queryAs(Label.class).getText()).isEqualTo("Wrote 1 lease(s) to " + target);
        assertThat(robot.lookup("#report-progress").queryAs(ProgressBar.class).getProgress()).isEqualTo(1.0);
        assertThat(Files.readString(target)).contains("printer", "00:00:5e:00:53:02").doesNotContain("laptop");
        assertThat(robot.lookup("#report-open").query().isDisabled()).isFalse();
    }

    @Test
    void exportsTheHistoryOfOneClientAsPdfAndOffersNoKeaFormatForIt(FxRobot robot) throws Exception {
        robot.clickOn("#nav-reports");
        Path target = lab.directory.resolve("laptop-history.pdf");
        robot.interact(() -> robot.lookup("#report-contents").queryAs(ComboBox.class).setValue(ReportExports.Contents.HISTORY));
        assertThat(robot.lookup("#report-format").queryAs(ComboBox.class).getItems())
                .contains(ReportExports.Format.PDF).doesNotContain(ReportExports.Format.KEA_CSV);
        assertThat(robot.lookup("#report-state").query().getParent().isVisible()).as("the state filter shows").isFalse();
        robot.interact(() -> {
            robot.lookup("#report-format").queryAs(ComboBox.class).setValue(ReportExports.Format.PDF);
            robot.lookup("#report-mac").queryAs(TextField.class).setText("00-00-5E-00-53-01");
            robot.lookup("#report-file").queryAs(TextField.class).setText(target.toString());
        });

        robot.clickOn("#report-export");

        waitUntil(() -> robot.lookup("#report-result").queryAs(Label.class).getText().startsWith("Wrote"));
        // The lab client's DORA: one offer, one grant.
        assertThat(robot.lookup("#report-result").queryAs(Label.class).getText()).isEqualTo("Wrote 2 event(s) to " + target);
        String text = String.join("\n", PdfPages.text(target));
        assertThat(text).contains("LeaseDesk lease history", "client hw:", "offered", "granted", "laptop", "2 events")
                .doesNotContain("printer");
    }

    @Test
    void aBadMacInTheHistoryFiltersIsNamedAndNothingIsWritten(FxRobot robot) {
        robot.clickOn("#nav-reports");
        Path target = lab.directory.resolve("nothing.csv");
        robot.interact(() -> {
            robot.lookup("#report-contents").queryAs(ComboBox.class).setValue(ReportExports.Contents.HISTORY);
            robot.lookup("#report-mac").queryAs(TextField.class).setText("not-a-mac");
            robot.lookup("#report-file").queryAs(TextField.class).setText(target.toString());
        });

        robot.clickOn("#report-export");

        assertThat(robot.lookup("#report-result").queryAs(Label.class).getText()).startsWith("The MAC 'not-a-mac' is not valid");
        assertThat(target).doesNotExist();
    }

    @Test
    void watchesADnsmasqLeaseFileReadOnlyAndFollowsItsChanges(FxRobot robot) throws Exception {
        robot.clickOn("#nav-reports");
        long expiry = java.time.Instant.now().getEpochSecond() + 3600;
        Path file = Files.writeString(lab.directory.resolve("dnsmasq.leases"),
                expiry + " 00:00:5e:00:53:31 192.0.2.131 nas 01:00:00:5e:00:53:31\n");
        robot.interact(() -> robot.lookup("#import-file").queryAs(TextField.class).setText(file.toString()));

        robot.clickOn("#import-watch");
        waitUntil(() -> robot.lookup("#import-table").queryAs(TableView.class).getItems().size() == 1);

        Files.writeString(file, expiry + " 00:00:5e:00:53:32 192.0.2.132 tv *\n", java.nio.file.StandardOpenOption.APPEND);
        waitUntil(() -> robot.lookup("#import-table").queryAs(TableView.class).getItems().size() == 2);
        assertThat(robot.lookup("#import-status").queryAs(Label.class).getText()).contains("DNSMASQ", "2 lease(s)");
    }

    @Test
    void importsTheWatchedFileIntoTheRunningServerAfterShowingItsConflicts(FxRobot robot) throws Exception {
        Ipv4Address laptops = lab.workbench.leases().get(5, TimeUnit.SECONDS).stream()
                .filter(lease -> lease.hostname().equals("laptop")).findFirst().orElseThrow().address();
        long expiry = java.time.Instant.now().getEpochSecond() + 3600;
        Path file = Files.writeString(lab.directory.resolve("dnsmasq.leases"),
                expiry + " 00:00:5e:00:53:31 192.0.2.30 nas *\n" + expiry + " 00:00:5e:00:53:32 " + laptops + " intruder *\n");
        robot.clickOn("#nav-reports");
        robot.interact(() -> robot.lookup("#import-file").queryAs(TextField.class).setText(file.toString()));
        robot.clickOn("#import-watch");
        waitUntil(() -> robot.lookup("#import-table").queryAs(TableView.class).getItems().size() == 2);

        robot.clickOn("#import-into-server");
        waitUntil(() -> robot.lookup("#" + Dialogs.CONFIRM_ID).tryQuery().isPresent());
        assertThat(robot.lookup(".dialog-pane").queryAs(DialogPane.class).getContentText())
                .contains("Dry run, nothing written: would import 1 lease(s)", "conflicts 1 (address held by another client 1)",
                        laptops + " is held by hw:1:00:00:5e:00:53:01 (laptop)");
        assertThat(lab.workbench.server().orElseThrow().leasesAt(List.of(Ipv4Address.parse("192.0.2.30"))).get(5, TimeUnit.SECONDS))
                .as("nothing imported before the confirmation").isEmpty();
        robot.clickOn("#" + Dialogs.CONFIRM_ID);

        waitUntil(() -> robot.lookup("#import-result").queryAs(Label.class).getText().startsWith("Imported"));
        assertThat(robot.lookup("#import-result").queryAs(Label.class).getText()).startsWith("Imported 1 lease(s) from " + file);
        assertThat(lab.workbench.server().orElseThrow().leasesAt(List.of(laptops)).get(5, TimeUnit.SECONDS)).singleElement()
                .satisfies(lease -> assertThat(lease.hostname()).isEqualTo("laptop"));
        assertThat(lab.obtain("00:00:5e:00:53:31", "nas")).as("the imported client keeps its address").isEqualTo(Ipv4Address.parse("192.0.2.30"));
    }
}
