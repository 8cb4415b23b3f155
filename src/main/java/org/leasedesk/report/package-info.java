/**
 * Reports and foreign lease files. Exports write the lease table or the history as CSV, JSON, HTML
 * or PDF, and leases also as Kea's memfile CSV, through one entry point
 * ({@link org.leasedesk.report.ReportExport}); imports read Kea,
 * ISC dhcpd and dnsmasq lease files into the lease model ({@link org.leasedesk.report.LeaseImport}).
 *
 * <p>Everything read from a lease file is data: it is never passed to a shell, and every string a
 * client chose (host names above all) is escaped for the format it is written to.
 */
package org.leasedesk.report;
