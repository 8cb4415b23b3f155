/**
 * The operating system: interfaces and who manages DHCP on them ({@link org.leasedesk.platform.LinuxDhcpOwners}),
 * the backends that release and renew through that manager ({@link org.leasedesk.platform.DhcpBackends}: dhclient,
 * dhcpcd, systemd-networkd, NetworkManager, udhcpc, macOS ipconfig, Windows iphlpapi), putting a lease on a Linux
 * interface ({@link org.leasedesk.platform.LinuxAddressConfigurator}) and the privilege check.
 *
 * <p>Commands run as argument lists through a {@link org.leasedesk.platform.CommandRunner}, never a shell; interface
 * names are {@link org.leasedesk.platform.InterfaceName}s (a strict pattern, and for user input checked against the
 * real interfaces) and addresses are formatted from parsed values, so no text from the network reaches a command.
 * Failures are {@link org.leasedesk.platform.PlatformException}s carrying one sentence for the admin.
 */
package org.leasedesk.platform;
