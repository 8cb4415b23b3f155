package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.lease.UtilisationSample;

/** The forecast on synthetic histories of a 1000-address pool, sampled every 15 minutes for 14 days. */
class ExhaustionForecastTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final long TOTAL = 1000;
    private static final Duration STEP = Duration.ofMinutes(15);
    private static final double DAY_SECONDS = 86_400;

    private final ExhaustionForecast forecast = new ExhaustionForecast();

    /** Samples of {@code used(t)}, t in days from START, for {@code days} days; usage clamped to the pool. */
    private static List<UtilisationSample> series(double days, DoubleUnaryOperator used) {
        List<UtilisationSample> samples = new ArrayList<>();
        for (Instant t = START; !t.isAfter(START.plusSeconds((long) (days * DAY_SECONDS))); t = t.plus(STEP)) {
            double day = Duration.between(START, t).toSeconds() / DAY_SECONDS;
            long leased = Math.max(0, Math.min(TOTAL, Math.round(used.applyAsDouble(day))));
            samples.add(new UtilisationSample(t, 1, 1, new PoolUsage(TOTAL, leased, 0, 0, 0, 0)));
        }
        return samples;
    }

    /** Office hours: a sine that peaks in the early afternoon, amplitude {@code amplitude}. */
    private static double daily(double day, double amplitude) {
        return amplitude * Math.sin(2 * Math.PI * (day - 0.3));
    }

    @Test
    void linearGrowthIsForecastCloseToTheTrueTimeOfExhaustion() {
        // 200 used at the start, 40 more a day: full after 20 days.
        ExhaustionForecast.Outcome outcome = forecast.forecast(series(14, day -> 200 + 40 * day));
        assertThat(outcome).isInstanceOf(ExhaustionForecast.FullAt.class);
        ExhaustionForecast.FullAt full = (ExhaustionForecast.FullAt) outcome;
        assertThat(Duration.between(START.plus(Duration.ofDays(20)), full.when()).abs()).isLessThan(Duration.ofHours(2));
        assertThat(full.addressesPerDay()).isCloseTo(40, within(0.5));
    }

    @Test
    void aDailyCycleWithoutGrowthIsNotAtCurrentTrend() {
        ExhaustionForecast.Outcome outcome = forecast.forecast(series(14, day -> 500 + daily(day, 400)));
        assertThat(outcome).isInstanceOf(ExhaustionForecast.NotAtCurrentTrend.class);
    }

    /** The trap for a fit through every sample: three days ending on a rising morning. */
    @Test
    void aDailyCycleEndingOnARisingMorningIsNotMistakenForGrowth() {
        ExhaustionForecast.Outcome outcome = forecast.forecast(series(3.5, day -> 500 + daily(day, 400)));
        assertThat(outcome).isInstanceOf(ExhaustionForecast.NotAtCurrentTrend.class);
    }

    @Test
    void aFlatPoolIsNotAtCurrentTrend() {
        assertThat(forecast.forecast(series(14, day -> 600))).isInstanceOf(ExhaustionForecast.NotAtCurrentTrend.class);
    }

    @Test
    void aShrinkingPoolIsNotAtCurrentTrendAndSaysItShrinks() {
        ExhaustionForecast.Outcome outcome = forecast.forecast(series(14, day -> 800 - 20 * day));
        assertThat(outcome).isInstanceOfSatisfying(ExhaustionForecast.NotAtCurrentTrend.class,
                trend -> assertThat(trend.addressesPerDay()).isCloseTo(-20, within(0.5)));
    }

    @Test
    void aDailyCycleOnTopOfGrowthIsForecastFromThePeaks() {
        // Peaks at 200 + 150 + 20/day: they reach 1000 after 32.5 days.
        ExhaustionForecast.Outcome outcome = forecast.forecast(series(14, day -> 200 + 20 * day + daily(day, 150)));
        assertThat(outcome).isInstanceOfSatisfying(ExhaustionForecast.FullAt.class, full -> {
            assertThat(Duration.between(START.plus(Duration.ofHours(32 * 24 + 12)), full.when()).abs()).isLessThan(Duration.ofHours(12));
            assertThat(full.addressesPerDay()).isCloseTo(20, within(1.0));
        });
    }

    @Test
    void oneOddDayDoesNotTiltTheForecast() {
        Random random = new Random(7);
        ExhaustionForecast.Outcome outcome = forecast.forecast(series(14, day ->
                600 + daily(day, 100) + random.nextGaussian() * 5 + (day > 9 && day < 10 ? 350 : 0)));
        assertThat(outcome).isInstanceOf(ExhaustionForecast.NotAtCurrentTrend.class);
    }

    @Test
    void growthTooSlowToFillThePoolWithinTheHorizonIsNotAtCurrentTrend() {
        // One address a day from 100: full in about 900 days.
        assertThat(forecast.forecast(series(14, day -> 100 + day))).isInstanceOf(ExhaustionForecast.NotAtCurrentTrend.class);
    }

    @Test
    void aFullPoolIsAlreadyFull() {
        List<UtilisationSample> samples = series(14, day -> 200 + 60 * day);
        assertThat(forecast.forecast(samples)).isEqualTo(new ExhaustionForecast.AlreadyFull(samples.get(samples.size() - 1).time()));
    }

    @Test
    void lessThanThreeDaysIsInsufficientHistory() {
        assertThat(forecast.forecast(series(1.5, day -> 200 + 100 * day)))
                .isInstanceOfSatisfying(ExhaustionForecast.InsufficientHistory.class,
                        insufficient -> assertThat(insufficient.reason()).contains("3 days"));
        assertThat(forecast.forecast(List.of())).isInstanceOf(ExhaustionForecast.InsufficientHistory.class);
    }

    @Test
    void theilSenIgnoresAnOutlierThatWouldTiltLeastSquares() {
        double[] x = {0, 1, 2, 3, 4, 5, 6};
        double[] y = {10, 12, 14, 16, 100, 20, 22};
        assertThat(ExhaustionForecast.theilSenSlope(x, y)).isEqualTo(2.0);
    }
}
