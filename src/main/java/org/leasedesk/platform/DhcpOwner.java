package org.leasedesk.platform;

/** Who runs DHCP for an interface, and so who LeaseDesk must go through to release or renew it. */
public enum DhcpOwner {
    /** Nobody: LeaseDesk's own client may run on it. */
    NONE("no DHCP client runs on it"),
    NETWORK_MANAGER("NetworkManager"),
    SYSTEMD_NETWORKD("systemd-networkd"),
    DHCLIENT("ISC dhclient"),
    DHCPCD("dhcpcd"),
    UDHCPC("busybox udhcpc"),
    WINDOWS("the Windows DHCP client"),
    MACOS("macOS configd");

    private final String description;

    DhcpOwner(String description) {
        this.description = description;
    }

    /** The owner as an admin would name it. */
    public String description() {
        return description;
    }
}
