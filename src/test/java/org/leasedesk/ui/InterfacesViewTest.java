package org.leasedesk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasedesk.ui.LabFixture.waitUntil;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leasedesk.app.InterfaceDesk;
import org.leasedesk.app.Workbench;
import org.leasedesk.testing.LoopbackClients;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Renew and release from the Interfaces view against a lab server on loopback, watching the exchange. */
@ExtendWith(ApplicationExtension.class)
class InterfacesViewTest {

    private Workbench workbench;

    @Start
    void start(Stage stage) throws Exception {
        Path directory = Files.createTempDirectory("leasedesk-interfaces");
        Path config = Files.writeString(directory.resolve("kea-dhcp4.conf"), LabFixture.CONFIG);
        int clientPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            clientPort = probe.getLocalPort();
        }
        workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC());
        workbench.start(LoopbackClients.labRequest(config, new InetSocketAddress(InetAddress.getLoopbackAddress(), clientPort)), true)
                .get(10, TimeUnit.SECONDS);
        LeaseDeskApp.show(stage, workbench);
    }

    @AfterEach
    void stop() {
        workbench.close();
    }

    @SuppressWarnings("unchecked")
    private List<String> timeline(FxRobot robot) {
        ListView<InterfaceDesk.TimelineEntry> list = robot.lookup("#exchange-timeline").queryAs(ListView.class);
        return list.getItems().stream().map(entry -> entry.direction() + " " + entry.summary()).toList();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void renewAndReleaseShowTheExchangePacketByPacket(FxRobot robot) throws Exception {
        robot.clickOn("#nav-interfaces");
        waitUntil(() -> robot.lookup("#interfaces-list").queryAs(ListView.class).getItems().size() == 1);

        robot.clickOn("#interface-renew");

        waitUntil(() -> text(robot, "#interface-comparison").startsWith("Renew:"));
        assertThat(timeline(robot)).hasSizeGreaterThanOrEqualTo(4);
        assertThat(String.join("\n", timeline(robot))).containsSubsequence("sent", "DISCOVER", "received", "OFFER", "sent", "REQUEST",
                "received", "ACK");
        assertThat(text(robot, "#lease-address")).startsWith("192.0.2.");
        assertThat(text(robot, "#lease-expiry")).startsWith("in 0h 09m");
        assertThat(text(robot, "#interface-comparison")).contains("Before: no lease", "After:  192.0.2.")
                .as("the lab client leaves loopback alone, and says so").contains("without putting it on the interface");
        assertThat(workbench.leases().get(5, TimeUnit.SECONDS)).singleElement()
                .satisfies(lease -> assertThat(lease.hardwareAddress().toString()).isEqualTo(InterfaceDesk.LAB_MAC));

        robot.clickOn("#interface-release");

        waitUntil(() -> text(robot, "#interface-comparison").startsWith("Release:"));
        assertThat(String.join("\n", timeline(robot))).contains("RELEASE");
        waitUntil(() -> workbench.leases().join().get(0).state() == org.leasedesk.lease.LeaseState.RELEASED);
    }
}
