package org.leasedesk.app.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Subnet;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfigLoader;

class LabNetworkTest {

    @Test
    void smallPoolsFitTestNetOneAboveTheServer() {
        LabNetwork network = LabNetwork.forPoolSize(50);

        assertThat(network.subnet()).isEqualTo(Subnet.parse("192.0.2.0/24"));
        assertThat(network.serverId()).isEqualTo(Ipv4Address.parse("192.0.2.1"));
        assertThat(network.poolStart()).isEqualTo(Ipv4Address.parse("192.0.2.10"));
        assertThat(network.poolEnd()).isEqualTo(Ipv4Address.parse("192.0.2.59"));
    }

    @Test
    void largerPoolsTakeTheSmallestBenchmarkingPrefixThatHoldsThem() {
        assertThat(LabNetwork.forPoolSize(245).subnet()).isEqualTo(Subnet.parse("192.0.2.0/24"));
        assertThat(LabNetwork.forPoolSize(246).subnet()).isEqualTo(Subnet.parse("198.18.0.0/23"));
        LabNetwork thousand = LabNetwork.forPoolSize(1000);
        assertThat(thousand.subnet()).isEqualTo(Subnet.parse("198.18.0.0/22"));
        assertThat(thousand.poolSize()).isEqualTo(1000);
        assertThat(thousand.subnet().contains(thousand.poolEnd())).isTrue();
        assertThat(LabNetwork.forPoolSize(LabSettings.MAX_POOL_SIZE).subnet()).isEqualTo(Subnet.parse("198.18.0.0/15"));
    }

    @Test
    void theConfigurationLoadsWithShortLeasesAndThePoolAsked() throws Exception {
        LabNetwork network = LabNetwork.forPoolSize(1000);
        LabSettings settings = LabSettings.DEFAULTS.withPoolSize(1000);

        ServerConfig config = new ServerConfigLoader(OptionRegistry.standard())
                .load(network.configuration(settings), "lab.conf").config();

        assertThat(config.subnets()).hasSize(1);
        assertThat(config.subnets().get(0).pools().get(0).pool().range().size()).isEqualTo(1000);
        assertThat(config.subnets().get(0).lifetimes().valid()).isEqualTo(60);
    }

    @Test
    void settingsRefuseWhatTheLabCannotRun() {
        assertThatThrownBy(() -> LabSettings.DEFAULTS.withRate(0)).hasMessageContaining("rate");
        assertThatThrownBy(() -> LabSettings.DEFAULTS.withClients(0)).hasMessageContaining("clients");
        assertThatThrownBy(() -> new LabSettings(1, 1, 1, 1.5, 0, Duration.ofSeconds(60), Duration.ofSeconds(5)))
                .hasMessageContaining("shares");
        assertThatThrownBy(() -> new LabSettings(1, 1, 1, 0, 0, Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .hasMessageContaining("at least 4 s");
    }
}
