package org.leasedesk.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The last lines LeaseDesk logged, kept in memory so the desktop can show them: an admin whose
 * server will not start reads why in the window, not in a terminal they may not have.
 */
public final class RecentLog extends AppenderBase<ILoggingEvent> {

    /** One formatted log line and its level, for colouring. */
    public record Line(long sequence, String level, String text) {}

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final int capacity;
    private final ArrayDeque<Line> lines;
    private long sequence;

    RecentLog(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    /** The one kept for the desktop, once installed. */
    private static RecentLog installed;

    /**
     * Starts keeping the last {@code capacity} lines of every logger, beside wherever the logging
     * configuration already sends them; a second call returns the first one's log. Returns empty
     * when SLF4J is not backed by Logback.
     */
    public static synchronized Optional<RecentLog> install(int capacity) {
        if (installed != null) {
            return Optional.of(installed);
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        RecentLog log = new RecentLog(capacity);
        log.setContext(context);
        log.setName("recent-log");
        log.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(log);
        installed = log;
        return Optional.of(log);
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        String text = TIME.format(Instant.ofEpochMilli(event.getTimeStamp())) + " " + event.getLevel() + " [" + event.getThreadName()
                + "] " + shortName(event.getLoggerName()) + " - " + event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : " (" + event.getThrowableProxy().getClassName() + ": "
                        + event.getThrowableProxy().getMessage() + ")");
        lines.addLast(new Line(++sequence, event.getLevel().toString(), text));
    }

    /** The lines logged after {@code sequence} (0 for all that are kept), oldest first. */
    public synchronized List<Line> since(long sequence) {
        List<Line> newer = new ArrayList<>();
        for (Line line : lines) {
            if (line.sequence() > sequence) {
                newer.add(line);
            }
        }
        return newer;
    }

    private static String shortName(String loggerName) {
        int dot = loggerName.lastIndexOf('.');
        return dot < 0 ? loggerName : loggerName.substring(dot + 1);
    }
}
