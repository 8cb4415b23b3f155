package org.leasedesk.testing.netns;

/** A veth pair made by {@link NetworkLab#link}: frames sent on one end arrive on the other. */
public record Link(LinkEnd a, LinkEnd b) {}
