package org.leasedesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leasedesk.app.DesktopSettings;
import org.leasedesk.app.ServerSetup;
import org.leasedesk.app.Workbench;
import org.leasedesk.lease.AddressRange;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfigLoader;
import org.leasedesk.ui.setup.SetupView;
import org.leasedesk.app.lab.LabSettings;
import org.leasedesk.ui.common.ServerStatus;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class SetupViewTest {

    private Workbench workbench;
    private final AtomicBoolean finished = new AtomicBoolean();

    @Start
    void start(Stage stage) throws Exception {
        workbench = Workbench.open(Files.createTempDirectory("leasedesk-setup").resolve("leases"), Clock.systemUTC());
        ServerSetup.Candidate eth0 = new ServerSetup.Candidate("eth0", Ipv4Address.parse("192.168.77.1"), 24, true,
                "no DHCP client runs on it");
        stage.setScene(new Scene(new SetupView(workbench, new ServerStatus(workbench), DesktopSettings.DEFAULTS,
                () -> List.of(eth0), () -> finished.set(true))));
        stage.show();
    }

    @AfterEach
    void close() {
        workbench.close();
    }

    @Test
    void theSetupSuggestsFromTheInterfaceAndWritesAConfigurationTheServerLoads(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#setup-subnet").queryAs(Label.class).getText()
                .equals("192.168.77.0/24"));
        assertThat(robot.lookup("#setup-pool").queryAs(Label.class).getText()).startsWith("192.168.77.128 – 192.168.77.254");
        assertThat(robot.lookup("#setup-warning").queryAs(Label.class).getText()).contains("answers real clients");

        robot.clickOn("#setup-write");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, workbench::hasConfiguration);
        ServerConfig config = new ServerConfigLoader(OptionRegistry.standard()).load(workbench.configurationFile()).config();
        assertThat(config.interfaces()).containsExactly("eth0");
        assertThat(config.subnets().get(0).pools().get(0).pool().range())
                .isEqualTo(AddressRange.parse("192.168.77.128 - 192.168.77.254"));
        assertThat(robot.lookup("#setup-start").queryButton().isDisabled()).isFalse();
    }

    @Test
    void theLabChoiceStartsTheLabAndClosesTheSetup(FxRobot robot) throws Exception {
        robot.clickOn("#setup-lab");

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, finished::get);
        assertThat(workbench.state()).isInstanceOfSatisfying(Workbench.Serving.class, serving -> assertThat(serving.lab()).isTrue());
        assertThat(workbench.hasConfiguration()).as("the lab writes only its own configuration").isFalse();
    }

    @Test
    void whileAServerRunsTheSetupOffersNoSecondStart(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#setup-lab").queryButton().isDisabled()).isFalse();

        // Started elsewhere, as from the dashboard's lab bar while this dialog stays open.
        workbench.startLab(LabSettings.DEFAULTS).get(15, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#setup-lab").queryButton().isDisabled());
        assertThat(robot.lookup("#setup-start").queryButton().isDisabled()).isTrue();

        workbench.stop().get(15, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#setup-lab").queryButton().isDisabled());
        assertThat(robot.lookup("#setup-start").queryButton().isDisabled()).as("still nothing written to start").isTrue();
    }
}
