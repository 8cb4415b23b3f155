package org.leasedesk.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.leasedesk.lease.HardwareAddress;

/**
 * Who made a network card, from the IEEE MA-L registry shipped with LeaseDesk (assets/vendors), so
 * the Leases view can name vendors offline. MACs with the locally administered bit set (randomised
 * by phones and laptops for privacy, or made up by virtual machines) have no vendor and say so.
 */
public final class Vendors {

    private static final String TABLE = "/org/leasedesk/app/vendors/oui-ma-l.tsv.gz";
    private static final int LOCALLY_ADMINISTERED = 0x02;

    private final Map<Integer, String> byPrefix;

    private Vendors(Map<Integer, String> byPrefix) {
        this.byPrefix = byPrefix;
    }

    /** Reads the bundled table (about 33,000 entries; a few tens of milliseconds, so not on the FX thread). */
    public static Vendors bundled() {
        try (InputStream in = Vendors.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("the vendor table " + TABLE + " is missing from the build");
            }
            return read(new GZIPInputStream(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled vendor table", e);
        }
    }

    /** Reads "AABBCC<TAB>Organization" lines; '#' starts a comment line. */
    static Vendors read(InputStream tsv) throws IOException {
        Map<Integer, String> table = new HashMap<>(48_000);
        BufferedReader lines = new BufferedReader(new InputStreamReader(tsv, StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
            int tab = line.indexOf('\t');
            if (line.startsWith("#") || tab != 6) {
                continue;
            }
            table.put(Integer.parseInt(line.substring(0, 6), 16), line.substring(7).intern());
        }
        return new Vendors(table);
    }

    /** The registered organisation of an Ethernet MAC's first three bytes; empty for unknown or local MACs. */
    public Optional<String> vendorOf(HardwareAddress hardware) {
        if (hardware.type() != HardwareAddress.ETHERNET || isLocallyAdministered(hardware)) {
            return Optional.empty();
        }
        byte[] bytes = hardware.address().toByteArray();
        return Optional.ofNullable(byPrefix.get(((bytes[0] & 0xff) << 16) | ((bytes[1] & 0xff) << 8) | (bytes[2] & 0xff)));
    }

    /** Bit 0x02 of the first byte: the address was not assigned by a vendor (randomised, virtual or set by hand). */
    public static boolean isLocallyAdministered(HardwareAddress hardware) {
        return hardware.isKnown() && (hardware.address().toByteArray()[0] & LOCALLY_ADMINISTERED) != 0;
    }

    /** What the Vendor column shows: the organisation, "randomised (locally administered)", or "" when unknown. */
    public String describe(HardwareAddress hardware) {
        if (isLocallyAdministered(hardware)) {
            return "randomised (locally administered)";
        }
        return vendorOf(hardware).orElse("");
    }

    public int size() {
        return byPrefix.size();
    }
}
