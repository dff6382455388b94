package org.tokenyield.analytics.calc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tokenyield.analytics.calc.FinishedRuns.FinishedRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tokenyield.analytics.calc.Fixtures.at;

class TimelineCalculatorTests {

	private final TimelineCalculator timeline = new TimelineCalculator();

	@ParameterizedTest
	@CsvSource({ "2026-01-01T10:00:00Z,2026-W01", "2026-12-31T10:00:00Z,2026-W53", "2027-01-01T10:00:00Z,2026-W53",
			"2024-12-30T00:00:00Z,2025-W01", "2026-01-04T23:59:59Z,2026-W01", "2026-01-05T00:00:00Z,2026-W02" })
	void isoWeekInUtc(String instant, String week) {
		assertThat(TimelineCalculator.isoWeek(Instant.parse(instant))).isEqualTo(week);
	}

	@Test
	void weekIsTakenInUtcNotLocalTime() {
		// Sunday 23:30 at UTC-2 is Monday in UTC
		Instant instant = OffsetDateTime.parse("2026-01-04T23:30:00-02:00").toInstant();
		assertThat(TimelineCalculator.isoWeek(instant)).isEqualTo("2026-W02");
	}

	/**
	 * 12 prompts once a week for {@code weeks} weeks from Monday 2026-01-05, tokens jump
	 * at {@code jumpWeek}.
	 */
	private static List<FinishedRun> weekly(int weeks, int jumpWeek, double jump) {
		List<FinishedRun> runs = new ArrayList<>();
		Instant monday = Instant.parse("2026-01-05T09:00:00Z");
		for (int w = 0; w < weeks; w++) {
			for (int p = 1; p <= 12; p++) {
				double g = 100 + p + ((w >= jumpWeek) ? jump : 0);
				runs.add(at(p, g, (p % 2 == 0) ? 1.0 : 0.0, monday.plus(7L * w, ChronoUnit.DAYS).toString()));
			}
		}
		return runs;
	}

	@Test
	void flagsAStepChangeBetweenFirstAndLatestFourWeeks() {
		Timeline t = this.timeline.fromWeeks(FinishedRuns.weeks(weekly(10, 5, 50)), 1L);
		assertThat(t.weeks()).hasSize(10);
		assertThat(t.weeks().get(0)).isEqualTo(new WeekPoint("2026-W02", 12, 12, 106.5, 0.5));
		assertThat(t.earlyWeeks()).containsExactly("2026-W02", "2026-W03", "2026-W04", "2026-W05");
		assertThat(t.lateWeeks()).containsExactly("2026-W08", "2026-W09", "2026-W10", "2026-W11");
		assertThat(t.tokenPrompts()).isEqualTo(12);
		assertThat(t.tokensChange()).isEqualTo(Estimate.of(50, 50, 50));
		assertThat(t.tokensChanged()).isTrue();
		assertThat(t.accuracyChange()).isEqualTo(Estimate.of(0, 0, 0));
		assertThat(t.accuracyChanged()).isFalse();
	}

	@Test
	void noChangeNoFlag() {
		Timeline t = this.timeline.fromWeeks(FinishedRuns.weeks(weekly(9, 99, 0)), 1L);
		assertThat(t.tokensChanged()).isFalse();
		assertThat(t.tokensChange().value()).isCloseTo(0.0, within(1e-12));
	}

	@Test
	void fewerThanEightWeeksCompareHalves() {
		Timeline t = this.timeline.fromWeeks(FinishedRuns.weeks(weekly(5, 3, 20)), 1L);
		assertThat(t.earlyWeeks()).containsExactly("2026-W02", "2026-W03");
		assertThat(t.lateWeeks()).containsExactly("2026-W05", "2026-W06");
		// late: weeks 3 and 4 (0-based) both after the jump
		assertThat(t.tokensChange().value()).isCloseTo(20.0, within(1e-12));
		assertThat(t.tokensChanged()).isTrue();
	}

	@Test
	void aSingleWeekIsNeverFlagged() {
		Timeline t = this.timeline.fromWeeks(FinishedRuns.weeks(weekly(1, 0, 0)), 1L);
		assertThat(t.weeks()).hasSize(1);
		assertThat(t.earlyWeeks()).isEmpty();
		assertThat(t.tokensChange()).isEqualTo(Estimate.UNDEFINED);
		assertThat(t.tokensChanged()).isFalse();
		assertThat(t.accuracyChanged()).isFalse();
	}

	@Test
	void onlyPromptsInBothWindowsArePaired() {
		List<FinishedRun> runs = new ArrayList<>(weekly(2, 1, 10));
		runs.add(at(99, 5000, 1.0, "2026-01-06T00:00:00Z")); // only early
		runs.add(new FinishedRun(7, 9999.0, 1.0, null)); // no finish time
		Timeline t = this.timeline.fromWeeks(FinishedRuns.weeks(runs), 1L);
		assertThat(t.tokenPrompts()).isEqualTo(12);
		assertThat(t.tokensChange().value()).isCloseTo(10.0, within(1e-12));
		assertThat(t.weeks().get(0).prompts()).isEqualTo(13);
		// prompts 1..12 (100 + p) and 99 (5000): the week's macro mean includes it
		assertThat(t.weeks().get(0).tokens()).isCloseTo((12 * 100 + 78 + 5000) / 13.0, within(1e-9));
	}

}
