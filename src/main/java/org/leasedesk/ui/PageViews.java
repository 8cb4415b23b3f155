package org.leasedesk.ui;

import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.leasedesk.app.Workbench;

/**
 * Builds the view for each page of the navigation. Every view's root carries the id
 * {@code page-<name>} so tests and keyboard users find it.
 */
final class PageViews {

    private PageViews() {}

    static Node create(Page page, Workbench workbench) {
        Node view = switch (page) {
            case LEASES -> new org.leasedesk.ui.leases.LeasesView(workbench);
            case POOLS -> new org.leasedesk.ui.pools.PoolsView(workbench);
            case REPORTS -> new org.leasedesk.ui.reports.ReportsView(workbench);
            case INTERFACES -> new org.leasedesk.ui.interfaces.InterfacesView(workbench);
            case DASHBOARD, HISTORY, SETTINGS -> placeholder(page);
        };
        view.setId("page-" + page.name().toLowerCase(Locale.ROOT));
        return view;
    }

    /** A page's title and purpose, for pages whose view is not built yet. */
    static VBox placeholder(Page page) {
        Label title = new Label(page.title());
        title.getStyleClass().add("page-title");
        Label purpose = new Label(page.purpose());
        purpose.getStyleClass().add("page-purpose");
        purpose.setWrapText(true);
        VBox content = new VBox(title, purpose);
        content.getStyleClass().add("page");
        return content;
    }
}
