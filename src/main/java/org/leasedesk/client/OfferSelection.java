package org.leasedesk.client;

/** How the client chooses among the offers collected in SELECTING. */
public enum OfferSelection {
    /** The first acceptable offer to arrive. */
    FIRST_ACCEPTABLE,
    /** The offer of the address the client held before, if any server offers it; else the first. */
    PREFER_PREVIOUS_ADDRESS
}
