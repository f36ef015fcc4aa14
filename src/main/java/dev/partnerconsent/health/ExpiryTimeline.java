package dev.partnerconsent.health;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Consents by the week their re-consent-by date falls in, laid out as the bars of a chart the page draws as SVG (the
 * geometry is computed here so the page holds no arithmetic and no script). Week 0 starts now, so consents already past
 * their date (counted as needing re-consent) are not drawn as expiring.
 *
 * @param weeks one bar per week, the one starting now first
 * @param max   the largest count, which fills the chart's height
 */
public record ExpiryTimeline(List<Week> weeks, long max) {

    public static final int WEEKS = 13;
    /** The SVG's drawing area, in its own units (the page scales it to its width). */
    public static final int WIDTH = 13 * 48 + 40;
    public static final int HEIGHT = 170;
    static final int CHART_TOP = 18;
    static final int CHART_HEIGHT = 110;
    static final int LEFT = 30;
    static final int STEP = 48;
    static final int BAR_WIDTH = 36;
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("d MMM", Locale.ROOT);

    /**
     * One week's bar.
     *
     * @param start  its first day (UTC)
     * @param count  consents whose re-consent-by date falls in it
     * @param x      the bar's left edge
     * @param y      the bar's top
     * @param height the bar's height (at least 2 when the count is not zero, so a single consent stays visible)
     * @param label  its first day as the axis shows it, e.g. {@code 7 Dec}
     */
    public record Week(LocalDate start, long count, int x, int y, int height, String label) {

        /** Where the count is written: above the bar. */
        public int countY() {
            return y - 4;
        }

        public int labelY() {
            return CHART_TOP + CHART_HEIGHT + 16;
        }

        public int middle() {
            return x + BAR_WIDTH / 2;
        }

        public int width() {
            return BAR_WIDTH;
        }
    }

    public ExpiryTimeline {
        weeks = List.copyOf(weeks);
    }

    /** @param counts consents per 7 days from {@code from} on, {@value #WEEKS} of them */
    public static ExpiryTimeline of(Instant from, List<Long> counts) {
        if (counts.size() != WEEKS) {
            throw new IllegalArgumentException("expected " + WEEKS + " weeks, got " + counts.size());
        }
        long max = counts.stream().mapToLong(Long::longValue).max().orElse(0);
        List<Week> weeks = new ArrayList<>(WEEKS);
        for (int i = 0; i < WEEKS; i++) {
            long count = counts.get(i);
            int height = count == 0 ? 0 : (int) Math.max(2, Math.round((double) count / max * CHART_HEIGHT));
            LocalDate start = LocalDate.ofInstant(from, ZoneOffset.UTC).plusWeeks(i);
            weeks.add(new Week(start, count, LEFT + i * STEP, CHART_TOP + CHART_HEIGHT - height, height,
                    LABEL.format(start)));
        }
        return new ExpiryTimeline(weeks, max);
    }

    /** The baseline's height in the SVG. */
    public int axisY() {
        return CHART_TOP + CHART_HEIGHT;
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public long total() {
        return weeks.stream().mapToLong(Week::count).sum();
    }
}
