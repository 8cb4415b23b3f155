package org.leasedesk.ui;

import java.util.Locale;
import javafx.scene.Node;
import org.leasedesk.app.Workbench;
import org.leasedesk.ui.interfaces.InterfacesView;
import org.leasedesk.ui.leases.LeasesView;
import org.leasedesk.ui.pools.PoolsView;
import org.leasedesk.ui.reports.ReportsView;
import org.leasedesk.ui.common.DesktopContext;
import org.leasedesk.ui.dashboard.DashboardView;
import org.leasedesk.ui.history.HistoryView;
import org.leasedesk.ui.settings.SettingsView;

/**
 * Builds the view for each page of the navigation. Every view's root carries the id
 * {@code page-<name>} so tests and keyboard users find it.
 */
final class PageViews {

    private PageViews() {}

    static Node create(Page page, Workbench workbench, DesktopContext context) {
        Node view = switch (page) {
            case DASHBOARD -> new DashboardView(context);
            case HISTORY -> new HistoryView(workbench);
            case SETTINGS -> new SettingsView(context.settings(), workbench);
            case LEASES -> new LeasesView(workbench);
            case POOLS -> new PoolsView(workbench);
            case REPORTS -> new ReportsView(workbench);
            case INTERFACES -> new InterfacesView(workbench);
        };
        view.setId("page-" + page.name().toLowerCase(Locale.ROOT));
        return view;
    }
}
