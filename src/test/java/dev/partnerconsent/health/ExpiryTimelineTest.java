package dev.partnerconsent.health;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExpiryTimelineTest {

    private static final Instant NOW = Instant.parse("2026-11-30T19:30:00Z");

    @Test
    void theLargestWeekFillsTheChartAndASingleConsentStaysVisible() {
        List<Long> counts = new ArrayList<>(Collections.nCopies(ExpiryTimeline.WEEKS, 0L));
        counts.set(0, 1L);
        counts.set(3, 5000L);
        counts.set(12, 2500L);
        ExpiryTimeline t = ExpiryTimeline.of(NOW, counts);

        assertEquals(5000, t.max());
        assertEquals(7501, t.total());
        ExpiryTimeline.Week first = t.weeks().get(0);
        ExpiryTimeline.Week full = t.weeks().get(3);
        ExpiryTimeline.Week half = t.weeks().get(12);
        ExpiryTimeline.Week empty = t.weeks().get(1);
        assertEquals(ExpiryTimeline.CHART_HEIGHT, full.height());
        assertEquals(ExpiryTimeline.CHART_HEIGHT / 2, half.height());
        assertEquals(2, first.height(), "one consent among thousands is still drawn");
        assertEquals(0, empty.height());
        assertEquals(t.axisY(), full.y() + full.height(), "bars stand on the axis");
        assertEquals(t.axisY(), empty.y());
        assertEquals("30 Nov", first.label());
        assertEquals("22 Feb", half.label());
        assertEquals(LocalDate.parse("2027-02-22"), half.start());
        assertEquals(ExpiryTimeline.STEP, t.weeks().get(1).x() - first.x());
        ExpiryTimeline.Week last = t.weeks().get(ExpiryTimeline.WEEKS - 1);
        assertEquals(true, last.x() + last.width() <= t.width(), "the last bar fits in the drawing");
    }

    @Test
    void noConsentsDrawNoBars() {
        ExpiryTimeline t = ExpiryTimeline.of(NOW,
                Collections.nCopies(ExpiryTimeline.WEEKS, 0L));
        assertEquals(0, t.max());
        assertEquals(0, t.weeks().stream().mapToInt(ExpiryTimeline.Week::height).sum());
    }

    @Test
    void thirteenWeeksAreRequired() {
        assertThrows(IllegalArgumentException.class,
                () -> ExpiryTimeline.of(NOW, List.of(1L, 2L)));
    }
}
