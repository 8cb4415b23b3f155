package org.leasedesk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The registry holds Kea 2.2's standard DHCPv4 definitions with Kea's types (the table below lists
 * every one of them: code, name and type as an option-def would write it), the vendor-4491 space Kea
 * defines for CableLabs, and three definitions that are not Kea 2.2 standard ones.
 */
class KeaStandardDefinitionsTest {

    private final OptionRegistry registry = OptionRegistry.standard();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
              1 | subnet-mask                              | ipv4-address
              2 | time-offset                              | int32
              3 | routers                                  | ipv4-address array
              4 | time-servers                             | ipv4-address array
              5 | name-servers                             | ipv4-address array
              6 | domain-name-servers                      | ipv4-address array
              7 | log-servers                              | ipv4-address array
              8 | cookie-servers                           | ipv4-address array
              9 | lpr-servers                              | ipv4-address array
             10 | impress-servers                          | ipv4-address array
             11 | resource-location-servers                | ipv4-address array
             12 | host-name                                | string
             13 | boot-size                                | uint16
             14 | merit-dump                               | string
             15 | domain-name                              | string
             16 | swap-server                              | ipv4-address
             17 | root-path                                | string
             18 | extensions-path                          | string
             19 | ip-forwarding                            | boolean
             20 | non-local-source-routing                 | boolean
             21 | policy-filter                            | ipv4-address array
             22 | max-dgram-reassembly                     | uint16
             23 | default-ip-ttl                           | uint8
             24 | path-mtu-aging-timeout                   | uint32
             25 | path-mtu-plateau-table                   | uint16 array
             26 | interface-mtu                            | uint16
             27 | all-subnets-local                        | boolean
             28 | broadcast-address                        | ipv4-address
             29 | perform-mask-discovery                   | boolean
             30 | mask-supplier                            | boolean
             31 | router-discovery                         | boolean
             32 | router-solicitation-address              | ipv4-address
             33 | static-routes                            | ipv4-address array
             34 | trailer-encapsulation                    | boolean
             35 | arp-cache-timeout                        | uint32
             36 | ieee802-3-encapsulation                  | boolean
             37 | default-tcp-ttl                          | uint8
             38 | tcp-keepalive-interval                   | uint32
             39 | tcp-keepalive-garbage                    | boolean
             40 | nis-domain                               | string
             41 | nis-servers                              | ipv4-address array
             42 | ntp-servers                              | ipv4-address array
             44 | netbios-name-servers                     | ipv4-address array
             45 | netbios-dd-server                        | ipv4-address array
             46 | netbios-node-type                        | uint8
             47 | netbios-scope                            | string
             48 | font-servers                             | ipv4-address array
             49 | x-display-manager                        | ipv4-address array
             50 | dhcp-requested-address                   | ipv4-address
             51 | dhcp-lease-time                          | uint32
             52 | dhcp-option-overload                     | uint8
             53 | dhcp-message-type                        | uint8
             54 | dhcp-server-identifier                   | ipv4-address
             55 | dhcp-parameter-request-list              | uint8 array
             56 | dhcp-message                             | string
             57 | dhcp-max-message-size                    | uint16
             58 | dhcp-renewal-time                        | uint32
             59 | dhcp-rebinding-time                      | uint32
             60 | vendor-class-identifier                  | string
             61 | dhcp-client-identifier                   | binary
             62 | nwip-domain-name                         | string
             63 | nwip-suboptions                          | binary
             64 | nisplus-domain-name                      | string
             65 | nisplus-servers                          | ipv4-address array
             66 | tftp-server-name                         | string
             67 | boot-file-name                           | string
             68 | mobile-ip-home-agent                     | ipv4-address array
             69 | smtp-server                              | ipv4-address array
             70 | pop-server                               | ipv4-address array
             71 | nntp-server                              | ipv4-address array
             72 | www-server                               | ipv4-address array
             73 | finger-server                            | ipv4-address array
             74 | irc-server                               | ipv4-address array
             75 | streettalk-server                        | ipv4-address array
             76 | streettalk-directory-assistance-server   | ipv4-address array
             77 | user-class                               | binary
             78 | slp-directory-agent                      | record (boolean, ipv4-address) array
             79 | slp-service-scope                        | record (boolean, string)
             81 | fqdn                                     | record (uint8, uint8, uint8, fqdn)
             82 | dhcp-agent-options                       | empty
             85 | nds-servers                              | ipv4-address array
             86 | nds-tree-name                            | string
             87 | nds-context                              | string
             88 | bcms-controller-names                    | fqdn array
             89 | bcms-controller-address                  | ipv4-address array
             90 | authenticate                             | binary
             91 | client-last-transaction-time             | uint32
             92 | associated-ip                            | ipv4-address array
             93 | client-system                            | uint16 array
             94 | client-ndi                               | record (uint8, uint8, uint8)
             97 | uuid-guid                                | record (uint8, binary)
             98 | uap-servers                              | string
             99 | geoconf-civic                            | binary
            100 | pcode                                    | string
            101 | tcode                                    | string
            108 | v6-only-preferred                        | uint32
            112 | netinfo-server-address                   | ipv4-address array
            113 | netinfo-server-tag                       | string
            114 | v4-captive-portal                        | string
            116 | auto-config                              | uint8
            117 | name-service-search                      | uint16 array
            118 | subnet-selection                         | ipv4-address
            119 | domain-search                            | fqdn array
            124 | vivco-suboptions                         | record (uint32, binary)
            125 | vivso-suboptions                         | uint32
            136 | pana-agent                               | ipv4-address array
            137 | v4-lost                                  | fqdn
            138 | capwap-ac-v4                             | ipv4-address array
            141 | sip-ua-cs-domains                        | fqdn array
            146 | rdnss-selection                          | record (uint8, ipv4-address, ipv4-address, fqdn) array
            159 | v4-portparams                            | record (uint8, psid)
            212 | option-6rd                               | record (uint8, uint8, ipv6-address, ipv4-address) array
            213 | v4-access-domain                         | fqdn
            """)
    void everyStandardDefinitionOfKea22IsHereWithKeasType(int code, String name, String type) {
        OptionDefinition definition = registry.byCode(code).orElseThrow();
        assertThat(definition.name()).isEqualTo(name);
        assertThat(OptionRegistry.keaStandard(code)).isTrue();
        switch (code) {
            // Kea reads and writes these two with classes of their own; so does LeaseDesk.
            case 81 -> assertThat(definition.type()).isEqualTo(OptionType.CLIENT_FQDN);
            case 82 -> assertThat(definition.type()).isEqualTo(OptionType.RELAY_AGENT_INFORMATION);
            default -> assertThat(definition.typeText()).isEqualTo(type);
        }
    }

    @Test
    void option43IsKeasLastResortDefinitionAndMayBeRedefined() {
        OptionDefinition option43 = registry.byCode(43).orElseThrow();
        assertThat(option43.type()).isEqualTo(OptionType.EMPTY);
        assertThat(option43.encapsulate()).isEqualTo("vendor-encapsulated-options-space");
        assertThat(OptionRegistry.keaStandard(43)).isFalse();
    }

    @Test
    void classlessStaticRoutesAndDnrAreNotKea22Definitions() {
        assertThat(OptionRegistry.keaStandard(121)).isFalse();
        assertThat(OptionRegistry.keaStandard(162)).isFalse();
        assertThat(registry.definitions().stream().filter(d -> OptionRegistry.keaStandard(d.code()))).hasSize(113);
    }

    @Test
    void cableLabsHasTheDocsis3SubOptionsOfOption125() {
        OptionRegistry docsis = OptionRegistry.vendor(4491).orElseThrow();
        assertThat(docsis.definitions()).extracting(OptionDefinition::code, OptionDefinition::name, OptionDefinition::typeText,
                OptionDefinition::space).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "oro", "uint8 array", "vendor-4491"),
                org.assertj.core.groups.Tuple.tuple(2, "tftp-servers", "ipv4-address array", "vendor-4491"));
        assertThat(OptionRegistry.vendor(25167)).isEmpty();
    }
}
