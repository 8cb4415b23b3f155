package org.leasedesk.differential;

import static org.leasedesk.differential.Scenario.scenario;
import static org.leasedesk.differential.ScenarioGroup.group;

import java.util.List;

/** What a lease comes with: lifetimes and timers, options asked for or always sent, boot fields. */
final class LeaseParameterScenarios {

    private LeaseParameterScenarios() {}

    static final String LIFETIMES = """
            {
              "Dhcp4": {
                "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ],
                    "valid-lifetime": 600, "min-valid-lifetime": 300, "max-valid-lifetime": 900 },
                  { "id": 2, "subnet": "203.0.113.0/24", "pools": [ { "pool": "203.0.113.10 - 203.0.113.50" } ],
                    "valid-lifetime": 1000, "calculate-tee-times": true, "t1-percent": 0.4, "t2-percent": 0.8 },
                  { "id": 3, "subnet": "198.18.0.0/24", "pools": [ { "pool": "198.18.0.10 - 198.18.0.50" } ],
                    "valid-lifetime": 1000, "renew-timer": 300, "rebind-timer": 700 }
                ]
              }
            }
            """;

    static final String OPTIONS = """
            {
              "Dhcp4": {
                "valid-lifetime": 4000,
                "option-data": [ { "name": "ntp-servers", "data": "192.0.2.123", "always-send": true } ],
                "subnet4": [ {
                  "id": 1, "subnet": "192.0.2.0/24",
                  "next-server": "192.0.2.9", "server-hostname": "boot.example.org", "boot-file-name": "pxelinux.0",
                  "pools": [
                    { "pool": "192.0.2.100 - 192.0.2.149",
                      "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.54" } ] },
                    { "pool": "192.0.2.150 - 192.0.2.199" } ],
                  "option-data": [
                    { "name": "routers", "data": "192.0.2.1" },
                    { "name": "domain-name-servers", "data": "192.0.2.53" },
                    { "name": "domain-name", "data": "example.org" },
                    { "name": "time-offset", "data": "3600" },
                    { "code": 19, "data": "01", "csv-format": false },
                    { "code": 23, "data": "64" } ]
                } ]
              }
            }
            """;

    private static final String LIFETIME = "Kea 2.2 alloc_engine.cc getValidLft: the asked lifetime bounded by min/max-valid-lifetime";
    private static final String TIMERS = "Kea 2.2 dhcp4_srv.cc setTeeTimes: configured, else calculated when calculate-tee-times,"
            + " sent only when below the lifetime (T1 below T2)";
    private static final String OPTION_CHOICE = "Kea 2.2 dhcp4_srv.cc appendRequestedOptions (asked for, or always-send) and"
            + " appendBasicOptions (routers, domain-name-servers, domain-name always)";

    static List<ScenarioGroup> groups() {
        return List.of(
                group("lifetimes and timers", LIFETIMES,
                        scenario("no lifetime asked for: valid-lifetime, and no T1/T2 when none is configured")
                                .as(Client.direct("02:00:00:12:01:01")).see(LIFETIME).see(TIMERS)
                                .dora("A")
                                .expect("option 51 dhcp-lease-time", "600"),
                        scenario("a lifetime asked for within min and max is granted")
                                .as(Client.direct("02:00:00:12:02:01")).see(LIFETIME)
                                .discover().leaseTime(400).expectOffer("A").expect("option 51 dhcp-lease-time", "400")
                                .request("A").leaseTime(400).expectAck("A").expect("option 51 dhcp-lease-time", "400"),
                        scenario("a lifetime asked for below min-valid-lifetime: min-valid-lifetime")
                                .as(Client.direct("02:00:00:12:03:01")).see(LIFETIME)
                                .discover().leaseTime(100).expectOffer("A").expect("option 51 dhcp-lease-time", "300")
                                .request("A").leaseTime(100).expectAck("A").expect("option 51 dhcp-lease-time", "300"),
                        scenario("a lifetime asked for above max-valid-lifetime: max-valid-lifetime")
                                .as(Client.direct("02:00:00:12:04:01")).see(LIFETIME)
                                .discover().leaseTime(5000).expectOffer("A").expect("option 51 dhcp-lease-time", "900")
                                .request("A").leaseTime(5000).expectAck("A").expect("option 51 dhcp-lease-time", "900"),
                        scenario("a renewal asking for another lifetime gets it within the bounds")
                                .as(Client.direct("02:00:00:12:05:01")).see(LIFETIME)
                                .dora("A")
                                .renew("A").leaseTime(800).expectAck("A").expect("option 51 dhcp-lease-time", "800"),
                        scenario("calculate-tee-times: T1 and T2 from t1-percent and t2-percent")
                                .as(Client.relayed("02:00:00:12:06:01", "203.0.113.1")).see(TIMERS)
                                .discover().expectOffer("A").expect("option 58 dhcp-renewal-time", "400")
                                .expect("option 59 dhcp-rebinding-time", "800")
                                .request("A").expectAck("A"),
                        scenario("renew-timer and rebind-timer as configured")
                                .as(Client.relayed("02:00:00:12:07:01", "198.18.0.1")).see(TIMERS)
                                .discover().expectOffer("A").expect("option 58 dhcp-renewal-time", "300")
                                .expect("option 59 dhcp-rebinding-time", "700")
                                .request("A").expectAck("A")),
                group("options and boot fields", OPTIONS,
                        scenario("asking only for the subnet mask: the basic options and the always-send NTP servers come too")
                                .as(Client.direct("02:00:00:13:01:01").requesting(1)).see(OPTION_CHOICE)
                                .discover().requesting("192.0.2.170").expectOffer("192.0.2.170")
                                .expect("option 42 ntp-servers", "192.0.2.123").expect("option 3 routers", "192.0.2.1")
                                .request("192.0.2.170").expectAck("192.0.2.170"),
                        scenario("an option asked for is sent (time-offset), options not asked for are not")
                                .as(Client.direct("02:00:00:13:02:01").requesting(1, 3, 6, 15, 2)).see(OPTION_CHOICE)
                                .discover().requesting("192.0.2.171").expectOffer("192.0.2.171").expect("option 2 time-offset", "3600")
                                .request("192.0.2.171").expectAck("192.0.2.171"),
                        scenario("a pool's option overrides the subnet's")
                                .as(Client.direct("02:00:00:13:03:01"))
                                .see("Kea 2.2 dhcp4_srv.cc buildCfgOptionList: host, pool, subnet, global")
                                .discover().requesting("192.0.2.120").expectOffer("192.0.2.120")
                                .expect("option 6 domain-name-servers", "192.0.2.54")
                                .request("192.0.2.120").expectAck("192.0.2.120").expect("option 6 domain-name-servers", "192.0.2.54"),
                        scenario("an address of the other pool gets the subnet's option")
                                .as(Client.direct("02:00:00:13:04:01"))
                                .discover().requesting("192.0.2.172").expectOffer("192.0.2.172")
                                .expect("option 6 domain-name-servers", "192.0.2.53"),
                        scenario("next-server, server-hostname and boot-file-name fill siaddr, sname and file")
                                .as(Client.direct("02:00:00:13:05:01"))
                                .see("Kea 2.2 dhcp4_srv.cc setFixedFields")
                                .discover().requesting("192.0.2.173").expectOffer("192.0.2.173").expect("siaddr", "192.0.2.9")
                                .expect("sname", "\"boot.example.org\"").expect("file", "\"pxelinux.0\"")
                                .request("192.0.2.173").expectAck("192.0.2.173").expect("file", "\"pxelinux.0\""),
                        scenario("options configured by code, in hex (csv-format false) or as text")
                                .as(Client.direct("02:00:00:13:07:01").requesting(1, 3, 6, 15, 19, 23))
                                .discover().requesting("192.0.2.174").expectOffer("192.0.2.174")
                                .expect("option 19 ip-forwarding", "true").expect("option 23 default-ip-ttl", "64"),
                        scenario("INFORM gets the options and the boot fields, no lease")
                                .as(Client.direct("02:00:00:13:06:01").requesting(1, 3, 6, 42))
                                .inform("192.0.2.60").expectAck().expect("option 42 ntp-servers", "192.0.2.123")
                                .expect("siaddr", "192.0.2.9")));
    }
}
