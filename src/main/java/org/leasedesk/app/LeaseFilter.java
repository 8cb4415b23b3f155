package org.leasedesk.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;

/**
 * Which leases an admin wants to see or export: by subnet, by state, and by free text matched
 * against address, MAC (in any spelling), client id and host name.
 */
public record LeaseFilter(OptionalLong subnetId, Optional<LeaseState> state, Optional<String> text) implements Predicate<Lease> {

    public static final LeaseFilter ALL = new LeaseFilter(OptionalLong.empty(), Optional.empty(), Optional.empty());

    @Override
    public boolean test(Lease lease) {
        return (subnetId.isEmpty() || lease.subnetId() == subnetId.getAsLong())
                && (state.isEmpty() || lease.state() == state.get())
                && text.map(wanted -> matches(lease, wanted)).orElse(true);
    }

    private static boolean matches(Lease lease, String wanted) {
        String needle = wanted.strip().toLowerCase(Locale.ROOT);
        String hexNeedle = hexDigits(needle);
        return lease.address().toString().contains(needle)
                || lease.hostname().toLowerCase(Locale.ROOT).contains(needle)
                // aa-bb-cc, aabb.cc and aa:bb:cc all find the same MAC or client id.
                || (!hexNeedle.isEmpty() && (hexDigits(lease.hardwareAddress().toString()).contains(hexNeedle)
                        || hexDigits(lease.clientId().toColonHex()).contains(hexNeedle)));
    }

    private static String hexDigits(String text) {
        String digits = text.replaceAll("[:.\\-\\s]", "");
        return digits.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? digits : "";
    }

    /** The filter in words, for report headers: "subnet 1, state ACTIVE, matching 'printer'". */
    public List<String> describe() {
        List<String> words = new ArrayList<>();
        subnetId.ifPresent(id -> words.add("subnet " + id));
        state.ifPresent(s -> words.add("state " + s));
        text.ifPresent(t -> words.add("matching '" + t + "'"));
        return words;
    }
}
