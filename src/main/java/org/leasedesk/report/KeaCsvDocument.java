package org.leasedesk.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Lease;

/**
 * Leases in Kea's memfile layout, so a LeaseDesk table can seed a Kea server: Kea loads the file at
 * start. Kea's CSV has no quoting, so the only free-text column (host name) is escaped Kea's way.
 * Kea keeps neither a binding start nor relay data: both are lost, and the hardware type with them
 * (Kea assumes Ethernet).
 */
final class KeaCsvDocument implements TableDocument<Lease> {

    private final Writer out;

    KeaCsvDocument(OutputStream stream) throws IOException {
        out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        out.write(String.join(",", KeaCsv.COLUMNS));
        out.write('\n');
    }

    @Override
    public void row(Lease lease) throws IOException {
        HardwareAddress hardware = lease.hardwareAddress();
        out.write(lease.address().toString());
        out.write(',');
        out.write(hardware.isKnown() ? hardware.address().toColonHex() : "");
        out.write(',');
        out.write(lease.clientId().toColonHex());
        out.write(',');
        out.write(Long.toString(lease.validLifetime().toSeconds()));
        out.write(',');
        out.write(Long.toString(lease.expiry().getEpochSecond()));
        out.write(',');
        out.write(Long.toString(lease.subnetId()));
        // fqdn_fwd, fqdn_rev: LeaseDesk does no DNS updates.
        out.write(",0,0,");
        out.write(KeaCsv.escape(lease.hostname()));
        out.write(',');
        out.write(Integer.toString(KeaCsv.stateNumber(lease.state())));
        // user_context stays empty.
        out.write(",,");
        out.write(Long.toString(lease.poolId()));
        out.write('\n');
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
