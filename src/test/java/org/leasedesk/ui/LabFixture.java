package org.leasedesk.ui;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.leasedesk.app.Workbench;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.testing.LoopbackClients;
import org.testfx.util.WaitForAsyncUtils;

/** A workbench on a temporary database serving a loopback lab server, with a socket of DHCP clients to feed it real leases. */
final class LabFixture implements AutoCloseable {

    static final String CONFIG = """
            { "Dhcp4": {
                "valid-lifetime": 600,
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24",
                               "pools": [ { "pool": "192.0.2.10 - 192.0.2.41" } ] } ] } }
            """;

    final Path directory;
    final Path config;
    final Workbench workbench;
    final LoopbackClients clients;

    LabFixture() throws Exception {
        directory = Files.createTempDirectory("leasedesk-ui");
        config = Files.writeString(directory.resolve("kea-dhcp4.conf"), CONFIG);
        clients = LoopbackClients.open();
        workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC());
        workbench.start(clients.labRequest(config), true).get(10, TimeUnit.SECONDS);
    }

    InetSocketAddress server() {
        return workbench.server().orElseThrow().localAddress();
    }

    Ipv4Address obtain(String mac, String hostname) throws Exception {
        return clients.obtain(server(), mac, hostname);
    }

    static void waitUntil(BooleanSupplier condition) throws java.util.concurrent.TimeoutException {
        waitUntil(10, condition);
    }

    /** For steps that queue behind the workbench's own work (a save that hands thresholds to the server). */
    static void waitUntil(int seconds, BooleanSupplier condition) throws java.util.concurrent.TimeoutException {
        // Asked on the FX thread: tables and labels change there, and reading a list while it changes can throw.
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Override
    public void close() throws Exception {
        workbench.close();
        clients.close();
    }
}
