package org.leasedesk.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressArithmeticTest {

    @Test
    void parsesAndPrintsTheEndsOfTheAddressSpace() {
        assertThat(Ipv4Address.parse("0.0.0.0").toLong()).isZero();
        assertThat(Ipv4Address.parse("255.255.255.255").toLong()).isEqualTo(0xFFFF_FFFFL);
        assertThat(Ipv4Address.parse("255.255.255.255")).isEqualTo(Ipv4Address.BROADCAST);
        assertThat(Ipv4Address.ofUnsigned(0xC000_020AL)).hasToString("192.0.2.10");
    }

    @Test
    void ordersAddressesAsUnsignedNumbers() {
        assertThat(Ipv4Address.parse("200.0.0.1")).isGreaterThan(Ipv4Address.parse("10.0.0.1"));
        assertThat(Ipv4Address.BROADCAST).isGreaterThan(Ipv4Address.ANY);
    }

    @Test
    void refusesMalformedAddressesWithTheReason() {
        assertThatThrownBy(() -> Ipv4Address.parse("192.0.2")).hasMessageContaining("four numbers");
        assertThatThrownBy(() -> Ipv4Address.parse("192.0.2.256")).hasMessageContaining("256 is above 255");
        assertThatThrownBy(() -> Ipv4Address.parse("192.0.2.010")).hasMessageContaining("leading zeros");
        assertThatThrownBy(() -> Ipv4Address.parse("192.0.2.-1")).hasMessageContaining("0-255");
        assertThatThrownBy(() -> Ipv4Address.parse(" 192.0.2.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv4Address.parse("")).hasMessageContaining("required");
    }

    @Test
    void convertsToAndFromInet4Address() throws Exception {
        Ipv4Address address = Ipv4Address.parse("198.51.100.254");
        assertThat(address.toInetAddress()).isEqualTo(InetAddress.getByName("198.51.100.254"));
        assertThat(Ipv4Address.of(address.toInetAddress())).isEqualTo(address);
        assertThat(Ipv4Address.ofBytes(address.toBytes())).isEqualTo(address);
    }

    @Test
    void refusesToStepOutsideTheAddressSpace() {
        assertThat(Ipv4Address.parse("255.255.255.254").plus(1)).isEqualTo(Ipv4Address.BROADCAST);
        assertThatThrownBy(() -> Ipv4Address.BROADCAST.plus(1)).hasMessageContaining("leaves");
        assertThatThrownBy(() -> Ipv4Address.ANY.plus(-1)).hasMessageContaining("leaves");
    }

    @Test
    void rangeCountsAndIteratesWithoutWrapping() {
        AddressRange top = AddressRange.parse("255.255.255.253 - 255.255.255.255");
        List<String> walked = new ArrayList<>();
        top.forEach(a -> walked.add(a.toString()));
        assertThat(walked).containsExactly("255.255.255.253", "255.255.255.254", "255.255.255.255");
        assertThat(top.size()).isEqualTo(3);
    }

    @Test
    void wholeAddressSpaceHasTwoToTheThirtySecondAddresses() {
        AddressRange all = new AddressRange(Ipv4Address.ANY, Ipv4Address.BROADCAST);
        assertThat(all.size()).isEqualTo(1L << 32);
        assertThat(all.iterator().next()).isEqualTo(Ipv4Address.ANY);
    }

    @Test
    void rangeRefusesToRunBackwards() {
        assertThatThrownBy(() -> AddressRange.parse("192.0.2.20-192.0.2.10")).hasMessageContaining("backwards");
    }

    @Test
    void rangeContainmentAndOverlap() {
        AddressRange range = AddressRange.parse("192.0.2.10-192.0.2.20");
        assertThat(range.contains(Ipv4Address.parse("192.0.2.10"))).isTrue();
        assertThat(range.contains(Ipv4Address.parse("192.0.2.21"))).isFalse();
        assertThat(range.overlaps(AddressRange.parse("192.0.2.20 - 192.0.2.30"))).isTrue();
        assertThat(range.overlaps(AddressRange.parse("192.0.2.21 - 192.0.2.30"))).isFalse();
    }

    @Test
    void subnetKnowsNetworkBroadcastAndMask() {
        Subnet subnet = Subnet.parse("192.0.2.0/24");
        assertThat(subnet.mask()).hasToString("255.255.255.0");
        assertThat(subnet.broadcast()).hasToString("192.0.2.255");
        assertThat(subnet.hostRange()).hasToString("192.0.2.1 - 192.0.2.254");
        assertThat(subnet.range().size()).isEqualTo(256);
    }

    @Test
    void slash32IsOneHostAndSlash31IsTwoHosts() {
        Subnet host = Subnet.parse("192.0.2.7/32");
        assertThat(host.range().size()).isEqualTo(1);
        assertThat(host.hostRange()).isEqualTo(AddressRange.single(Ipv4Address.parse("192.0.2.7")));
        assertThat(host.mask()).isEqualTo(Ipv4Address.BROADCAST);

        Subnet pointToPoint = Subnet.parse("192.0.2.6/31");
        assertThat(pointToPoint.hostRange().size()).isEqualTo(2);
        assertThat(pointToPoint.broadcast()).hasToString("192.0.2.7");
    }

    @Test
    void slash0CoversEverything() {
        Subnet everything = Subnet.parse("0.0.0.0/0");
        assertThat(everything.mask()).isEqualTo(Ipv4Address.ANY);
        assertThat(everything.broadcast()).isEqualTo(Ipv4Address.BROADCAST);
        assertThat(everything.contains(Ipv4Address.parse("203.0.113.9"))).isTrue();
    }

    @Test
    void subnetWithHostBitsSuggestsTheNetwork() {
        assertThatThrownBy(() -> Subnet.parse("192.0.2.1/24")).hasMessageContaining("did you mean 192.0.2.0/24");
        assertThatThrownBy(() -> Subnet.parse("192.0.2.0/33")).hasMessageContaining("0-32");
        assertThatThrownBy(() -> Subnet.parse("192.0.2.0")).hasMessageContaining("address/prefix");
    }

    @Test
    void poolParsesBothKeaForms() {
        assertThat(Pool.parse(1, "192.0.2.10 - 192.0.2.200").range().size()).isEqualTo(191);
        Pool prefixPool = Pool.parse(2, "192.0.2.64/26");
        assertThat(prefixPool.range()).isEqualTo(AddressRange.parse("192.0.2.64-192.0.2.127"));
        assertThatThrownBy(() -> Pool.parse(3, "192.0.2.10")).hasMessageContaining("192.0.2.10 - 192.0.2.200");
    }

    @Test
    void detectsPoolsOutsideOrOnTheEdgeOfTheirSubnet() {
        Subnet subnet = Subnet.parse("192.0.2.0/24");
        assertThat(Pool.parse(1, "192.0.2.10-192.0.2.200").problemWithin(subnet)).isEmpty();
        assertThat(Pool.parse(1, "192.0.2.250-192.0.3.10").problemWithin(subnet))
                .hasValueSatisfying(p -> assertThat(p).contains("not inside subnet 192.0.2.0/24"));
        assertThat(Pool.parse(1, "192.0.2.0/24").problemWithin(subnet))
                .hasValueSatisfying(p -> assertThat(p).contains("network or broadcast"));
    }
}
