/**
 * Reports and foreign lease files. Exports write a lease table as CSV, JSON, HTML, PDF or Kea's
 * memfile CSV through one entry point ({@link org.leasedesk.report.LeaseExport}); imports read Kea,
 * ISC dhcpd and dnsmasq lease files into the lease model ({@link org.leasedesk.report.LeaseImport}).
 *
 * <p>Everything read from a lease file is data: it is never passed to a shell, and every string a
 * client chose (host names above all) is escaped for the format it is written to.
 */
package org.leasedesk.report;
