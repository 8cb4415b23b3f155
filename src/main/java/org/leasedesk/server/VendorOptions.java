package org.leasedesk.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.DhcpOption;
import org.leasedesk.protocol.KeaOption;
import org.leasedesk.protocol.KeaOptionData;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.config.ServerConfig.ConfiguredOption;

/**
 * Option 125 (vivso-suboptions) of a reply, put together as Kea 2.2 does it for each reply.
 *
 * <p>The vendor is the one of the option 125 the reply already carries (configured, and asked for or
 * always sent), else the one of the client's own option 125; without either there is nothing to do.
 * The vendor's sub-options that go in are those the client asks for, which only CableLabs' clients can
 * (sub-option 1 of their option 125, the ORO, lists codes), and those configured with
 * {@code always-send}. Each comes from the most specific scope that configures it. A reply that had no
 * option 125 gets one only when a sub-option went in; a configured one keeps what it carried.
 */
final class VendorOptions {

    private static final int VIVSO = 125;
    private static final int CABLE_LABS_ORO = 1;

    private VendorOptions() {
    }

    /**
     * @param request the client's message
     * @param inReply the option 125 the reply carries so far, if any
     * @param scopes the configured options of each scope that applies, most specific first
     * @return the option 125 the reply should carry, if any
     */
    static Optional<DhcpOption> vivso(DhcpMessage request, Optional<DhcpOption> inReply, List<List<ConfiguredOption>> scopes) {
        Optional<KeaOption> asked = request.option(VIVSO).flatMap(o -> KeaOptionData.readVendorOption(o.value()));
        Optional<KeaOption> configured = inReply.flatMap(o -> KeaOptionData.readVendorOption(o.value()));
        if (asked.isEmpty() && configured.isEmpty()) {
            return inReply;
        }
        long vendor = configured.or(() -> asked).orElseThrow().enterpriseId();

        List<Integer> wanted = new ArrayList<>();
        if (vendor == OptionRegistry.CABLE_LABS && asked.filter(a -> a.enterpriseId() == OptionRegistry.CABLE_LABS).isPresent()) {
            asked.get().subOptions().stream().filter(sub -> sub.code() == CABLE_LABS_ORO).findFirst()
                    .ifPresent(oro -> {
                        for (byte code : oro.data()) {
                            wanted.add(code & 0xff);
                        }
                    });
        }
        for (List<ConfiguredOption> scope : scopes) {
            scope.stream().filter(o -> o.alwaysSend() && isOf(o, vendor)).forEach(o -> wanted.add(o.code()));
        }
        if (wanted.isEmpty()) {
            return inReply;
        }

        KeaOption option = configured.orElse(KeaOption.vendor(vendor, List.of()));
        boolean added = false;
        for (int code : wanted) {
            if (option.hasSubOption(code)) {
                continue;
            }
            Optional<ConfiguredOption> found = scopes.stream().flatMap(List::stream)
                    .filter(o -> isOf(o, vendor) && o.code() == code).findFirst();
            if (found.isPresent()) {
                option = option.withSubOption(KeaOption.of(code, found.get().value()));
                added = true;
            }
        }
        if (configured.isEmpty() && !added) {
            return inReply;
        }
        try {
            return Optional.of(new DhcpOption(VIVSO, option.value()));
        } catch (IllegalArgumentException tooLong) {
            // More than 255 bytes of one vendor's sub-options do not fit its data-length byte: send what was configured.
            return inReply;
        }
    }

    private static boolean isOf(ConfiguredOption option, long vendor) {
        OptionalLong id = option.vendorId();
        return id.isPresent() && id.getAsLong() == vendor;
    }
}
