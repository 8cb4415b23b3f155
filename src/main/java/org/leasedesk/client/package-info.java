/**
 * The embedded DHCPv4 client (RFC 2131 section 4.4), headless and without JavaFX.
 *
 * <ul>
 *   <li>{@link org.leasedesk.client.ClientStateMachine}: the states of {@link org.leasedesk.client.ClientState} as
 *       pure logic, {@link org.leasedesk.client.ClientEvent}s in, {@link org.leasedesk.client.ClientAction}s out.</li>
 *   <li>{@link org.leasedesk.client.DhcpClient}: drives it on one {@link org.leasedesk.client.ClientScheduler}
 *       thread over a {@link org.leasedesk.client.DhcpTransport} ({@link org.leasedesk.client.UdpTransport} on a
 *       real network), and tells listeners what to do with addresses ({@link org.leasedesk.client.ClientNotice}).</li>
 *   <li>{@link org.leasedesk.client.ExchangeLog}: every packet of every exchange, live and as immutable snapshots.</li>
 *   <li>{@link org.leasedesk.client.DiscoveryScan}: who answers a DISCOVER on this link, and whether that is more than one server.</li>
 *   <li>{@link org.leasedesk.client.AddressConflictCheck}: is the address already in use before the client takes it.</li>
 * </ul>
 *
 * <p>Applying an address to an interface belongs to the platform package: it listens for
 * {@link org.leasedesk.client.ClientNotice.ApplyAddress} and {@link org.leasedesk.client.ClientNotice.RemoveAddress}.
 */
package org.leasedesk.client;
