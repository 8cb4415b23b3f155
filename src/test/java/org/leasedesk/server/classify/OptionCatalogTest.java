package org.leasedesk.server.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leasedesk.protocol.OptionDefinition;
import org.leasedesk.protocol.OptionType;

class OptionCatalogTest {

    @Test
    void knowsKea22sStandardNamesAndTheLastResortVendorEncapsulatedOptions() {
        OptionCatalog standard = OptionCatalog.standard();
        assertThat(standard.codeOf("host-name")).hasValue(12);
        assertThat(standard.codeOf("dhcp-agent-options")).hasValue(82);
        assertThat(standard.codeOf("vendor-encapsulated-options")).hasValue(43);
        assertThat(standard.codeOf("v4-access-domain")).hasValue(213);
        // Named in our registry, unknown to Kea 2.2.
        assertThat(standard.codeOf("classless-static-route")).isEmpty();
        assertThat(standard.codeOf("v4-dnr")).isEmpty();
        assertThat(standard.customDefinition(12)).isEmpty();
    }

    @Test
    void customDefinitionsAddNamesButCannotReplaceStandardOptionsOrEachOther() {
        OptionDefinition flavour = new OptionDefinition(222, "site-flavour", OptionType.STRING, false);
        OptionCatalog custom = OptionCatalog.standard().withCustom(List.of(flavour));
        assertThat(custom.codeOf("site-flavour")).hasValue(222);
        assertThat(custom.customDefinition(222)).contains(flavour);
        assertThat(OptionCatalog.standard().codeOf("site-flavour")).isEmpty();

        assertThatThrownBy(() -> OptionCatalog.standard().withCustom(List.of(new OptionDefinition(12, "my-host", OptionType.STRING, false))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("would redefine option 12");
        assertThatThrownBy(() -> custom.withCustom(List.of(new OptionDefinition(223, "site-flavour", OptionType.UINT8, false))))
                .hasMessageContaining("reuses the name of option 222");
        assertThatThrownBy(() -> custom.withCustom(List.of(new OptionDefinition(222, "other", OptionType.UINT8, false))))
                .hasMessageContaining("would redefine option 222");
    }
}
