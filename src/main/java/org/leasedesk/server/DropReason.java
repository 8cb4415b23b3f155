package org.leasedesk.server;

/** Why a received packet got no reply; counted so an admin can see what the server ignores. */
public enum DropReason {
    MALFORMED("the packet could not be decoded"),
    NOT_A_REQUEST("not a BOOTREQUEST"),
    NO_MESSAGE_TYPE("no DHCP message type (plain BOOTP is not served)"),
    UNSUPPORTED_MESSAGE_TYPE("a message type servers do not answer"),
    NO_CLIENT_IDENTITY("neither a usable client identifier nor a hardware address"),
    NO_SUBNET("no configured subnet serves the client's link"),
    POOL_EXHAUSTED("no free address in the client's subnet"),
    OTHER_SERVER_CHOSEN("the client chose another server's offer"),
    UNKNOWN_CLIENT("a REQUEST for a lease this server knows nothing of (not authoritative)"),
    MISSING_REQUESTED_ADDRESS("a REQUEST without the address it asks for"),
    ADDRESS_NOT_OURS("a REQUEST for an address in no pool of the client's subnet (another server's, perhaps)"),
    INFORM_WITHOUT_ADDRESS("an INFORM from a client with no address to answer"),
    RELEASE_NOT_OURS("a RELEASE or DECLINE for a lease the client does not hold"),
    QUEUE_FULL("the receive queue was full (load shed)"),
    STORE_REJECTED("the lease store could not take the change"),
    REPLY_TOO_LARGE("the reply does not fit the client's maximum message size"),
    DENIED_CLIENT("the client's hardware address is quarantined by an administrator");

    private final String description;

    DropReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
