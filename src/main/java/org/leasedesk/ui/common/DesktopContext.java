package org.leasedesk.ui.common;

import java.util.Optional;
import org.leasedesk.app.DesktopSettingsStore;
import org.leasedesk.app.RecentLog;
import org.leasedesk.app.Workbench;

/**
 * What every view of one window shares: the session, the remembered settings, the live figures,
 * the server's state for the controls that start and stop it, and what LeaseDesk logged lately
 * (empty when logging is not Logback).
 */
public record DesktopContext(Workbench workbench, DesktopSettingsStore settings, LiveFigures live, ServerStatus server,
                             Optional<RecentLog> log) {}
