/**
 * Kea 2.2's DHCPv4 client classification: the expression language of a class's {@code test}, its
 * evaluation with Kea's value semantics, and the order in which Kea assigns classes to a packet.
 * Depends on the JDK, {@code org.leasedesk.protocol} and {@code org.leasedesk.lease} only.
 *
 * <ul>
 *   <li>{@link org.leasedesk.server.classify.ExpressionParser} turns a test into an
 *       {@link org.leasedesk.server.classify.Expression}, or refuses it with an
 *       {@link org.leasedesk.server.classify.ExpressionException} that says where and what was expected.</li>
 *   <li>{@link org.leasedesk.server.classify.ClientClassifier} checks a {@code client-classes} list as Kea
 *       does at load time and classifies packets ({@link org.leasedesk.server.classify.PacketView}) in
 *       Kea's steps, each giving an immutable {@link org.leasedesk.server.classify.Classification}.</li>
 *   <li>{@link org.leasedesk.server.classify.OptionCatalog} resolves {@code option[name]} and carries the
 *       configuration's own option definitions.</li>
 * </ul>
 *
 * <p>Value semantics, as in Kea: every value is a byte string; conditions are the strings
 * {@code 'true'} and {@code 'false'}; an absent option reads as the empty string; integers and packet
 * fields are 4 bytes in network order; errors Kea would raise while evaluating make the class not match.
 */
package org.leasedesk.server.classify;
