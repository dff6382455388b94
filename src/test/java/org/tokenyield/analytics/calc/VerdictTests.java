package org.tokenyield.analytics.calc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTests {

	@ParameterizedTest
	@CsvSource({ "UP,UP,paid_for_gains", "UP,SAME,overhead", "UP,DOWN,overthinking", "SAME,UP,free_gains",
			"SAME,SAME,no_change", "SAME,DOWN,regression", "DOWN,UP,efficiency_win", "DOWN,SAME,leaner",
			"DOWN,DOWN,cut_corners" })
	void allNineCells(Direction tokens, Direction accuracy, String apiName) {
		assertThat(Verdict.of(tokens, accuracy).apiName()).isEqualTo(apiName);
		assertThat(Verdict.fromApiName(apiName)).isEqualTo(Verdict.of(tokens, accuracy));
	}

	@ParameterizedTest
	@CsvSource({ "0.1,0.05,0.2,UP", "-0.1,-0.2,-0.01,DOWN", "0.1,-0.01,0.2,SAME", "0.0,0.0,0.0,SAME",
			"0.1,0.0,0.2,SAME", "-0.1,-0.2,0.0,SAME" })
	void directionFollowsTheIntervalNotThePointEstimate(double value, double low, double high, Direction expected) {
		assertThat(Direction.of(Estimate.of(value, low, high))).isEqualTo(expected);
	}

	@Test
	void undefinedSideGivesNoVerdict() {
		Estimate up = Estimate.of(0.3, 0.1, 0.5);
		assertThat(Direction.of(Estimate.pointOnly(0.3))).isNull();
		assertThat(Verdict.of(up, Estimate.UNDEFINED)).isNull();
		assertThat(Verdict.of(Estimate.pointOnly(0.3), up)).isNull();
		assertThat(Verdict.of(up, Estimate.of(0.02, -0.01, 0.05))).isEqualTo(Verdict.OVERHEAD);
	}

}
