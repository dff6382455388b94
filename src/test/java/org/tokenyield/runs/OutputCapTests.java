package org.tokenyield.runs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputCapTests {

	@Test
	void thinkingBudgetsAndEffortGetRoomOnTopOfTheAnswerCap() {
		assertThat(OutputCap.forSetting("default", 4096)).isEqualTo(4096);
		assertThat(OutputCap.forSetting("off", 4096)).isEqualTo(4096);
		assertThat(OutputCap.forSetting("thinking:16384", 4096)).isEqualTo(20480);
		assertThat(OutputCap.forSetting("effort:high", 4096)).isEqualTo(4096 + OutputCap.EFFORT_ALLOWANCE);
	}

	@Test
	void theSqlFormReadsTheSameRule() {
		assertThat(OutputCap.SQL).contains("then " + OutputCap.EFFORT_ALLOWANCE + " else 0 end");
	}

}
