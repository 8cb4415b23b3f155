package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class RecentLogTest {

    /** A log of its own on a logger of its own, so lines other tests' threads log cannot interleave. */
    private static RecentLog attachedTo(String loggerName, int capacity) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        RecentLog recent = new RecentLog(capacity);
        recent.setContext(context);
        recent.start();
        ch.qos.logback.classic.Logger logger = context.getLogger(loggerName);
        logger.setAdditive(false);
        logger.addAppender(recent);
        return recent;
    }

    @Test
    void keepsTheNewestLinesAndHandsOutOnlyWhatIsNew() {
        RecentLog recent = attachedTo("org.leasedesk.server.RecentLogProbe", 3);
        Logger log = LoggerFactory.getLogger("org.leasedesk.server.RecentLogProbe");

        log.warn("first {}", 1);
        log.info("second");
        List<RecentLog.Line> seen = recent.since(0);
        log.error("third", new IllegalStateException("socket gone"));
        log.info("fourth");

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).level()).isEqualTo("WARN");
        assertThat(seen.get(0).text()).contains("RecentLogProbe - first 1");
        List<RecentLog.Line> kept = recent.since(0);
        assertThat(kept).extracting(RecentLog.Line::text).hasSize(3).first().asString().endsWith("second");
        assertThat(recent.since(seen.get(1).sequence())).containsExactly(kept.get(1), kept.get(2));
        assertThat(kept.get(1).text()).endsWith("third (java.lang.IllegalStateException: socket gone)");
    }

    @Test
    void installedItHearsEveryLogger() {
        RecentLog recent = RecentLog.install(10_000).orElseThrow();

        LoggerFactory.getLogger("org.leasedesk.store.SomewhereElse").info("heard everywhere");

        assertThat(recent.since(0)).extracting(RecentLog.Line::text).anyMatch(text -> text.endsWith("SomewhereElse - heard everywhere"));
    }
}
