package org.tokenyield.analytics.calc;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tokenyield.analytics.calc.UnseenTokens.RunTokens;

import static org.assertj.core.api.Assertions.assertThat;

class UnseenTokensTests {

	/**
	 * Runs (output, reasoning, visible): (1000, 600, 300) leaves 100 unseen, (500, 200,
	 * 250) 50: mean 75; reasoning mean (600 + 200) / 2 = 400.
	 */
	@Test
	void unseenIsOutputMinusReasoningMinusTheVisibleAnswerPerRun() {
		UnseenTokens.Summary s = UnseenTokens
			.of(List.of(new RunTokens(1000, 600L, 300), new RunTokens(500, 200L, 250)));
		assertThat(s.runs()).isEqualTo(2);
		assertThat(s.output()).isEqualTo(750.0);
		assertThat(s.reasoning()).isEqualTo(400.0);
		assertThat(s.visible()).isEqualTo(275.0);
		assertThat(s.unseen()).isEqualTo(75.0);
		assertThat(s.reasoningReportedZero()).isFalse();
		assertThat(s.flagged()).isFalse();
	}

	/**
	 * Reasoning reported as 0 on every run, output (900 + 700) = 1600 against visible
	 * (300 + 400) = 700: 1600 > 2 x 700 = 1400, flagged; unseen (600 + 300) / 2 = 450.
	 */
	@Test
	void zeroReasoningWithOutputAboveTwiceTheAnswerIsFlagged() {
		UnseenTokens.Summary s = UnseenTokens.of(List.of(new RunTokens(900, 0L, 300), new RunTokens(700, 0L, 400)));
		assertThat(s.unseen()).isEqualTo(450.0);
		assertThat(s.reasoningReportedZero()).isTrue();
		assertThat(s.flagged()).isTrue();
		// exactly twice is not more than twice: 600 = 2 x 300
		assertThat(UnseenTokens.of(List.of(new RunTokens(600, 0L, 300))).flagged()).isFalse();
	}

	@Test
	void reasoningNotReportedIsNeitherZeroNorFlagged() {
		// (800 − 0 − 200): reasoning unknown counts as none in the difference
		UnseenTokens.Summary s = UnseenTokens.of(List.of(new RunTokens(800, null, 200)));
		assertThat(s.reasoning()).isNull();
		assertThat(s.unseen()).isEqualTo(600.0);
		assertThat(s.reasoningReportedZero()).isFalse();
		assertThat(s.flagged()).isFalse();
	}

	@Test
	void noRunsIsNotAvailable() {
		assertThat(UnseenTokens.of(List.of())).isEqualTo(UnseenTokens.Summary.NONE);
		assertThat(UnseenTokens.Summary.NONE.unseen()).isNull();
	}

}
