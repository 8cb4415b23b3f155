package org.leasedesk.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientIdentityTest {

    private static final HardwareAddress MAC = HardwareAddress.parseMac("aa:bb:cc:dd:ee:ff");

    @Test
    void readsMacAddressesInEverySpellingAdminsPaste() {
        for (String spelling : new String[] {"aabbccddeeff", "aa:bb:cc:dd:ee:ff", "AA-BB-CC-DD-EE-FF", "aabb.ccdd.eeff"}) {
            assertThat(HardwareAddress.parseMac(spelling)).as(spelling).isEqualTo(MAC);
        }
        assertThat(MAC).hasToString("aa:bb:cc:dd:ee:ff");
    }

    @Test
    void refusesMacsOfTheWrongLengthOrWithNonHexDigits() {
        assertThatThrownBy(() -> HardwareAddress.parseMac("aa:bb:cc:dd:ee")).hasMessageContaining("6 bytes");
        assertThatThrownBy(() -> HardwareAddress.parseMac("aa:bb:cc:dd:ee:fg")).hasMessageContaining("hex");
        assertThatThrownBy(() -> HardwareAddress.parseMac("abc")).hasMessageContaining("hex");
    }

    @Test
    void clientIdWinsOverHardwareAddress() {
        Octets clientId = Octets.parseHex("01:aa:bb:cc:dd:ee:ff");
        assertThat(ClientKey.of(clientId, MAC)).isEqualTo(new ClientKey.ByClientId(Octets.parseHex("01aabbccddeeff")));
        assertThat(ClientKey.of(Octets.EMPTY, MAC)).isEqualTo(new ClientKey.ByHardware(MAC));
    }

    @Test
    void sameClientIdFromAnotherNicIsTheSameClient() {
        Octets clientId = Octets.parseHex("ff:00:00:00:01");
        assertThat(ClientKey.of(clientId, MAC))
                .isEqualTo(ClientKey.of(clientId, HardwareAddress.parseMac("00:11:22:33:44:55")));
    }

    @Test
    void readableFormParsesBack() {
        ClientKey byId = ClientKey.of(Octets.parseHex("01aabbccddeeff"), MAC);
        ClientKey byHardware = ClientKey.of(Octets.EMPTY, MAC);
        assertThat(byId).hasToString("id:01:aa:bb:cc:dd:ee:ff");
        assertThat(byHardware).hasToString("hw:1:aa:bb:cc:dd:ee:ff");
        assertThat(ClientKey.parse(byId.toString())).isEqualTo(byId);
        assertThat(ClientKey.parse(byHardware.toString())).isEqualTo(byHardware);
        assertThatThrownBy(() -> ClientKey.parse("mac:aa")).hasMessageContaining("id:<hex bytes>");
    }

    @Test
    void aClientNeedsSomeIdentity() {
        assertThatThrownBy(() -> ClientKey.of(Octets.EMPTY, HardwareAddress.NONE))
                .hasMessageContaining("needs a hardware address");
        assertThatThrownBy(() -> ClientKey.of(Octets.of((byte) 1), MAC)).hasMessageContaining("2-255 bytes");
    }

    @Test
    void octetsCompareByContentNotIdentity() {
        byte[] raw = {1, 2, 3};
        Octets octets = Octets.of(raw);
        raw[0] = 9;
        assertThat(octets).isEqualTo(Octets.parseHex("010203"));
        assertThat(octets.hashCode()).isEqualTo(Octets.parseHex("01-02-03").hashCode());
    }
}
