package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.app.ConfigDocument.SubnetField;
import org.leasedesk.testing.LoopbackClients;

class ConfigDocumentTest {

    @TempDir
    Path directory;

    private Path write(String text) throws Exception {
        return Files.writeString(directory.resolve("kea-dhcp4.conf"), text);
    }

    @Test
    void readsSubnetsPoolsReservationsOptionsAndLeaseTimes() throws Exception {
        ConfigDocument document = ConfigDocument.read(write("""
                { "Dhcp4": { "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.53" } ],
                  "subnet4": [ { "subnet": "192.0.2.0/24", "valid-lifetime": 900, "renew-timer": 450,
                    "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" }, { "pool": "192.0.2.64/26" } ],
                    "reservations": [ { "client-id": "01:aa:bb", "ip-address": "192.0.2.5", "hostname": "nas" } ],
                    "option-data": [ { "code": 3, "data": "192.0.2.1" } ] } ] } }"""));

        ConfigDocument.SubnetEntry subnet = document.subnets().get(0);

        assertThat(subnet.id()).as("the loader's automatic id").isEqualTo(1);
        assertThat(subnet.pools()).containsExactly("192.0.2.10 - 192.0.2.20", "192.0.2.64/26");
        assertThat(subnet.validLifetime()).isEqualTo("900");
        assertThat(subnet.rebindTimer()).isEmpty();
        assertThat(subnet.reservations()).containsExactly(new ConfigDocument.ReservationEntry("01:aa:bb", true, "192.0.2.5", "nas"));
        assertThat(subnet.options()).containsExactly(new ConfigDocument.OptionEntry("3", "192.0.2.1", false));
        assertThat(document.globalOptions()).extracting(ConfigDocument.OptionEntry::name).containsExactly("domain-name-servers");
    }

    @Test
    void aBadEditIsNamedByItsPathAndChangesNeitherFileNorServer() throws Exception {
        Path file = write(LeaseAdministrationTest.CONFIG);
        withLabServer(file, workbench -> {
            ConfigDocument document = ConfigDocument.read(file);
            document.setPool(0, 0, "10.0.0.1 - 10.0.0.5");
            document.set(0, SubnetField.VALID_LIFETIME, "an hour");

            ConfigDocument.Applied applied = document.applyAndSave(workbench);

            assertThat(applied.saved()).isFalse();
            assertThat(applied.issues()).filteredOn(ConfigIssue::error).extracting(ConfigIssue::path)
                    .contains("Dhcp4/subnet4[0]/pools[0]/pool", "Dhcp4/subnet4[0]/valid-lifetime");
            assertThat(applied.issues()).anyMatch(issue -> issue.concerns(ConfigDocument.pathOfPool(0, 0)));
            assertThat(Files.readString(file)).isEqualTo(LeaseAdministrationTest.CONFIG);
            assertThat(workbench.server().orElseThrow().configuration().get(5, TimeUnit.SECONDS).subnets().get(0).pools().get(0)
                    .pool().toString()).contains("192.0.2.10");
        });
    }

    @Test
    void aGoodEditIsSavedKeepingUnknownKeysAndAppliedToTheRunningServer() throws Exception {
        Path file = write(LeaseAdministrationTest.CONFIG);
        withLabServer(file, workbench -> {
            ConfigDocument document = ConfigDocument.read(file);
            document.setPool(0, 0, "192.0.2.100 - 192.0.2.149");
            document.addPool(0, "192.0.2.200 - 192.0.2.209");
            document.set(0, SubnetField.VALID_LIFETIME, "1200");
            document.addOption(0, new ConfigDocument.OptionEntry("routers", "192.0.2.1", false));

            ConfigDocument.Applied applied = document.applyAndSave(workbench);

            assertThat(applied.saved()).isTrue();
            assertThat(applied.reloaded()).isTrue();
            var running = workbench.server().orElseThrow().configuration().get(5, TimeUnit.SECONDS).subnets().get(0);
            assertThat(running.pools()).extracting(pool -> pool.pool().range().toString())
                    .containsExactly("192.0.2.100 - 192.0.2.149", "192.0.2.200 - 192.0.2.209");
            assertThat(running.lifetimes().valid()).isEqualTo(1200);
            ConfigDocument reread = ConfigDocument.read(file);
            assertThat(reread.subnets().get(0).validLifetime()).isEqualTo("1200");
            assertThat(Files.readString(file)).contains("\"server-tag\" : \"kept as it was\"", "\"user-context\"");
            assertThat(Files.list(directory)).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        });
    }

    @Test
    void globalLeaseTimesAndOptionsAreEditedAndAppliedToEverySubnetWithoutItsOwn() throws Exception {
        Path file = write(LeaseAdministrationTest.CONFIG);
        withLabServer(file, workbench -> {
            ConfigDocument document = ConfigDocument.read(file);
            assertThat(document.globalText(SubnetField.VALID_LIFETIME)).isEqualTo("600");
            document.setGlobal(SubnetField.VALID_LIFETIME, "3600");
            document.setGlobal(SubnetField.RENEW_TIMER, "900");
            document.addGlobalOption(new ConfigDocument.OptionEntry("domain-name-servers", "192.0.2.53", false));
            document.addGlobalOption(new ConfigDocument.OptionEntry("routers", "192.0.2.1", false));
            document.setGlobalOption(1, new ConfigDocument.OptionEntry("3", "192.0.2.254", false));
            document.removeGlobalOption(0);

            ConfigDocument.Applied applied = document.applyAndSave(workbench);

            assertThat(applied.saved()).isTrue();
            assertThat(applied.reloaded()).isTrue();
            var running = workbench.server().orElseThrow().configuration().get(5, TimeUnit.SECONDS).subnets().get(0);
            assertThat(running.lifetimes().valid()).isEqualTo(3600);
            ConfigDocument reread = ConfigDocument.read(file);
            assertThat(reread.globalText(SubnetField.RENEW_TIMER)).isEqualTo("900");
            assertThat(reread.globalText(SubnetField.REBIND_TIMER)).isEmpty();
            assertThat(reread.globalOptions()).containsExactly(new ConfigDocument.OptionEntry("3", "192.0.2.254", false));
        });
    }

    @Test
    void aGlobalLeaseTimeThatIsNotANumberIsNamedByItsPath() throws Exception {
        ConfigDocument document = ConfigDocument.read(write(LeaseAdministrationTest.CONFIG));

        document.setGlobal(SubnetField.REBIND_TIMER, "soon");

        assertThat(document.check()).filteredOn(ConfigIssue::error)
                .anyMatch(issue -> issue.concerns(ConfigDocument.pathOfGlobal(SubnetField.REBIND_TIMER)));
        assertThatThrownBy(() -> document.setGlobal(SubnetField.SUBNET, "192.0.2.0/24")).hasMessageContaining("per subnet only");
    }

    @Test
    void anAddedSubnetIsServedAndARemovedOneIsNot() throws Exception {
        Path file = write(LeaseAdministrationTest.CONFIG);
        withLabServer(file, workbench -> {
            ConfigDocument document = ConfigDocument.read(file);
            assertThat(document.nextSubnetId()).isEqualTo(8);
            int added = document.addSubnet(document.nextSubnetId(), "198.51.100.0/24", "198.51.100.10 - 198.51.100.20");
            assertThat(added).as("its index").isEqualTo(1);

            assertThat(document.applyAndSave(workbench).saved()).isTrue();
            assertThat(workbench.server().orElseThrow().configuration().get(5, TimeUnit.SECONDS).subnets())
                    .extracting(subnet -> subnet.id()).containsExactly(7L, 8L);

            document.removeSubnet(0);
            assertThat(document.applyAndSave(workbench).reloaded()).isTrue();
            assertThat(workbench.server().orElseThrow().configuration().get(5, TimeUnit.SECONDS).subnets())
                    .extracting(subnet -> subnet.id()).containsExactly(8L);
        });
    }

    @Test
    void savingAFileWithCommentsKeepsTheCommentedFileBesideIt() throws Exception {
        Path file = write(LeaseAdministrationTest.CONFIG);
        withLabServer(file, workbench -> {
            ConfigDocument document = ConfigDocument.read(file);
            assertThat(document.commented()).isTrue();
            document.set(0, SubnetField.VALID_LIFETIME, "1200");

            ConfigDocument.Applied first = document.applyAndSave(workbench);

            assertThat(first.commentedOriginal()).contains(directory.resolve("kea-dhcp4.conf.orig"));
            assertThat(Files.readString(directory.resolve("kea-dhcp4.conf.orig"))).isEqualTo(LeaseAdministrationTest.CONFIG);
            assertThat(Files.readString(file)).doesNotContain("a comment");
            // The saved file has no comments left to keep: a second save copies nothing.
            assertThat(document.applyAndSave(workbench).commentedOriginal()).isEmpty();
            assertThat(ConfigDocument.read(file).commented()).isFalse();
        });
    }

    @Test
    void commentsAreFoundOutsideStringsOnly() {
        assertThat(ConfigDocument.hasComments("{ \"a\": 1 } # yaml style")).isTrue();
        assertThat(ConfigDocument.hasComments("{ /* c style */ \"a\": 1 }")).isTrue();
        assertThat(ConfigDocument.hasComments("{ \"url\": \"http://example.org/#top\", \"q\": \"say \\\"//\\\"\" }")).isFalse();
    }

    private interface WithWorkbench {
        void run(Workbench workbench) throws Exception;
    }

    /** Runs {@code test} with a lab server serving {@code file} on loopback. */
    private void withLabServer(Path file, WithWorkbench test) throws Exception {
        try (Workbench workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC());
                LoopbackClients clients = LoopbackClients.open()) {
            workbench.start(clients.labRequest(file), true).get(10, TimeUnit.SECONDS);
            test.run(workbench);
        }
    }
}
