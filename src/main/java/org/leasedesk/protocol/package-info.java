/**
 * DHCPv4 on the wire (RFC 2131, 2132 and friends), depending on the JDK only.
 *
 * <ul>
 *   <li>{@link org.leasedesk.protocol.DhcpMessage}: the one message record (header fields, ordered
 *       options, typed accessors, builder, client and server factories, text rendering).</li>
 *   <li>{@link org.leasedesk.protocol.OptionRegistry}: option definitions as data (Kea's standard names
 *       and types), option text parsing and formatting, validation of received values.</li>
 *   <li>{@link org.leasedesk.protocol.DhcpCodec}: bytes to messages and back; the only exception it
 *       throws for bad input is {@link org.leasedesk.protocol.MalformedPacketException}.</li>
 *   <li>Options with real structure: {@link org.leasedesk.protocol.ClientFqdn} (81),
 *       {@link org.leasedesk.protocol.RelayAgentInformation} (82),
 *       {@link org.leasedesk.protocol.DomainSearchList} (119),
 *       {@link org.leasedesk.protocol.ClasslessStaticRoutes} (121).</li>
 * </ul>
 *
 * <p>Round-trip fidelity: a message holds protocol content only; a decoded message also carries a
 * {@link org.leasedesk.protocol.WireLayout} (piece lengths, PAD runs, END, bytes after END, overload)
 * that the codec replays while it still matches the content, so re-encoding a received packet gives
 * back the same bytes. The layout takes no part in equality.
 */
package org.leasedesk.protocol;
