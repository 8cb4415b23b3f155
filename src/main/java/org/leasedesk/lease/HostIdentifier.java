package org.leasedesk.lease;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reservation recognises its client by, as Kea names it. Which lease a client holds is a
 * separate question (its {@link ClientKey}): a client that sends a client identifier keys its
 * leases by it, yet still matches a reservation made for its MAC.
 */
public record HostIdentifier(Type type, Octets value) {

    /** The identifier types in the spelling of Kea's {@code host-reservation-identifiers}. */
    public enum Type {
        /** The hardware address bytes (chaddr), without the hardware type. */
        HW_ADDRESS("hw-address"),
        /** RFC 4361: a client identifier of type 255 carries an IAID (4 bytes) and then the DUID. */
        DUID("duid"),
        /** The relay agent's circuit-id (option 82, sub-option 1). */
        CIRCUIT_ID("circuit-id"),
        /** The whole client identifier (option 61), type byte included. */
        CLIENT_ID("client-id"),
        /** Kea's flex-id hook computes it from an expression; LeaseDesk has no such hook. */
        FLEX_ID("flex-id");

        private final String keaName;

        Type(String keaName) {
            this.keaName = keaName;
        }

        public String keaName() {
            return keaName;
        }

        public static Optional<Type> byKeaName(String name) {
            for (Type type : values()) {
                if (type.keaName.equals(name.toLowerCase(Locale.ROOT))) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    /** Kea 2.2's order when {@code host-reservation-identifiers} is not set. */
    public static final List<Type> DEFAULT_ORDER = List.of(Type.HW_ADDRESS, Type.DUID, Type.CIRCUIT_ID, Type.CLIENT_ID);

    private static final int DUID_CLIENT_ID_TYPE = 255;
    /** Type (1 byte) and IAID (4 bytes) come before the DUID. */
    private static final int DUID_OFFSET = 5;

    public HostIdentifier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a " + type.keaName + " identifier needs at least one byte");
        }
    }

    /**
     * The identifiers a client presents, in {@code order}: those it does not carry are left out.
     *
     * @param clientId option 61 as sent (empty when absent)
     * @param circuitId the relay's circuit-id (empty when not relayed or not sent)
     */
    public static List<HostIdentifier> presentedBy(HardwareAddress hardware, Octets clientId, Octets circuitId, List<Type> order) {
        List<HostIdentifier> identifiers = new ArrayList<>(order.size());
        for (Type type : order) {
            Octets value = switch (type) {
                case HW_ADDRESS -> hardware.address();
                case DUID -> duidOf(clientId);
                case CIRCUIT_ID -> circuitId;
                case CLIENT_ID -> clientId;
                case FLEX_ID -> Octets.EMPTY;
            };
            if (!value.isEmpty()) {
                identifiers.add(new HostIdentifier(type, value));
            }
        }
        return identifiers;
    }

    private static Octets duidOf(Octets clientId) {
        byte[] bytes = clientId.toByteArray();
        if (bytes.length <= DUID_OFFSET || (bytes[0] & 0xff) != DUID_CLIENT_ID_TYPE) {
            return Octets.EMPTY;
        }
        byte[] duid = new byte[bytes.length - DUID_OFFSET];
        System.arraycopy(bytes, DUID_OFFSET, duid, 0, duid.length);
        return Octets.of(duid);
    }

    /** As a Kea reservation writes it: {@code hw-address=aa:bb:cc:dd:ee:ff}. */
    @Override
    public String toString() {
        return type.keaName + "=" + value.toColonHex();
    }
}
