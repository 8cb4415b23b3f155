package org.leasedesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.Ipv4Address;

class LinuxAddressConfiguratorTest {

    private static final InterfaceName ETH0 = new InterfaceName("eth0");

    private static AddressAssignment lease(Optional<String> broadcast, Optional<String> router) {
        return AddressAssignment.of(ETH0, Ipv4Address.parse("192.0.2.103"), 24, broadcast.map(Ipv4Address::parse),
                router.map(Ipv4Address::parse));
    }

    @Test
    void appliesTheAddressWithPrefixAndBroadcastThenTheDefaultRoute() {
        RecordingRunner runner = RecordingRunner.succeeding("");

        new LinuxAddressConfigurator(runner).apply(lease(Optional.empty(), Optional.of("192.0.2.1")));

        assertThat(runner.commands).containsExactly(
                List.of("ip", "-4", "address", "replace", "192.0.2.103/24", "broadcast", "192.0.2.255", "dev", "eth0"),
                List.of("ip", "-4", "route", "replace", "default", "via", "192.0.2.1", "dev", "eth0"));
    }

    @Test
    void usesOption28WhenTheServerSentOne() {
        RecordingRunner runner = RecordingRunner.succeeding("");

        new LinuxAddressConfigurator(runner).apply(lease(Optional.of("192.0.2.127"), Optional.empty()));

        assertThat(runner.commands).containsExactly(
                List.of("ip", "-4", "address", "replace", "192.0.2.103/24", "broadcast", "192.0.2.127", "dev", "eth0"));
    }

    @Test
    void computedBroadcastCoversEveryPrefix() {
        Ipv4Address address = Ipv4Address.parse("198.18.5.7");
        assertThat(AddressAssignment.computedBroadcast(address, 15)).hasToString("198.19.255.255");
        assertThat(AddressAssignment.computedBroadcast(address, 30)).hasToString("198.18.5.7");
        assertThat(AddressAssignment.computedBroadcast(address, 32)).hasToString("198.18.5.7");
        assertThat(AddressAssignment.computedBroadcast(address, 1)).hasToString("255.255.255.255");
    }

    @Test
    void removesOurRouteThenTheAddressAndToleratesARouteAlreadyGone() {
        RecordingRunner runner = new RecordingRunner(command -> new CommandOutput(command, command.contains("route") ? 2 : 0,
                "", command.contains("route") ? "RTNETLINK answers: No such process" : ""));

        new LinuxAddressConfigurator(runner).remove(lease(Optional.empty(), Optional.of("192.0.2.1")));

        assertThat(runner.commands).containsExactly(
                List.of("ip", "-4", "route", "del", "default", "via", "192.0.2.1", "dev", "eth0"),
                List.of("ip", "-4", "address", "del", "192.0.2.103/24", "dev", "eth0"));
    }

    @Test
    void theTemporaryBroadcastRouteIsAHostRouteForTheLimitedBroadcastOnly() {
        RecordingRunner runner = RecordingRunner.succeeding("");
        LinuxAddressConfigurator configurator = new LinuxAddressConfigurator(runner);

        configurator.addBroadcastRoute(ETH0);
        configurator.removeBroadcastRoute(ETH0);

        assertThat(runner.commands).containsExactly(List.of("ip", "-4", "route", "replace", "255.255.255.255/32", "dev", "eth0"),
                List.of("ip", "-4", "route", "del", "255.255.255.255/32", "dev", "eth0"));
    }

    @Test
    void aFailedApplyNamesTheCommandAndWhatIpSaid() {
        RecordingRunner runner = new RecordingRunner(command -> new CommandOutput(command, 2, "", "RTNETLINK answers: Operation not permitted\n"));

        assertThatThrownBy(() -> new LinuxAddressConfigurator(runner).apply(lease(Optional.empty(), Optional.empty())))
                .isInstanceOf(PlatformException.class)
                .hasMessage("ip -4 address replace 192.0.2.103/24 broadcast 192.0.2.255 dev eth0 exited with 2:"
                        + " RTNETLINK answers: Operation not permitted");
    }

    @Test
    void interfaceNamesThatCouldBeReadAsOptionsOrShellAreRefused() {
        for (String bad : List.of("-eth0", "eth0;reboot", "eth0 up", "$(id)", "", "a234567890123456", "eth0\n")) {
            assertThatThrownBy(() -> new InterfaceName(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new InterfaceName("enp0s31f6.100").value()).isEqualTo("enp0s31f6.100");
        assertThat(new InterfaceName("eth0:1").value()).isEqualTo("eth0:1");
    }

    @Test
    void aNameThatIsNoInterfaceHereIsRefusedWithOneSentence() {
        assertThatThrownBy(() -> InterfaceNames.existing("nosuch9"))
                .hasMessage("There is no network interface named 'nosuch9' on this machine.");
        assertThat(InterfaceNames.existing("lo").value()).isEqualTo("lo");
    }
}
