package org.leasedesk.ui.common;

import org.leasedesk.app.DesktopSettingsStore;
import org.leasedesk.app.Workbench;

/** What every view of one window shares: the session, the remembered settings and the live figures. */
public record DesktopContext(Workbench workbench, DesktopSettingsStore settings, LiveFigures live) {}
