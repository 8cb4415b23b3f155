package org.leasedesk.ui;

import org.leasedesk.ui.common.Icons;

/** The views the navigation offers, in the order it lists them. */
public enum Page {
    DASHBOARD("Dashboard", Icons.DASHBOARD, "Utilisation per pool, alerts and live counters appear here while a server runs."),
    LEASES("Leases", Icons.LEASES, "Every lease the server holds: search by address, MAC or host name, filter by pool and state."),
    POOLS("Pools", Icons.POOLS, "Subnets, pools, reservations and options of the server's configuration."),
    INTERFACES("Interfaces", Icons.INTERFACES, "Local interfaces: release, renew and discover, with the exchange shown live."),
    HISTORY("History", Icons.HISTORY, "Who held an address at a given time, and each client's timeline."),
    REPORTS("Reports", Icons.REPORTS, "Exports of leases and history, and imports of Kea, ISC dhcpd and dnsmasq lease files."),
    SETTINGS("Settings", Icons.SETTINGS, "Thresholds, sampling, retention, data directory and theme.");

    private final String title;
    private final Icons icon;
    private final String purpose;

    Page(String title, Icons icon, String purpose) {
        this.title = title;
        this.icon = icon;
        this.purpose = purpose;
    }

    public String title() {
        return title;
    }

    public Icons icon() {
        return icon;
    }

    /** One sentence telling the user what the view is for. */
    public String purpose() {
        return purpose;
    }
}
