package org.tokenyield.runs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tokenyield.runs.RunStatus.FAILED;
import static org.tokenyield.runs.RunStatus.QUEUED;
import static org.tokenyield.runs.RunStatus.RUNNING;
import static org.tokenyield.runs.RunStatus.SUCCEEDED;

class RunStatusTests {

	@Test
	void aRunIsQueuedStartedThenFinishedOrPutBack() {
		assertThat(QUEUED.next()).containsExactly(RUNNING);
		assertThat(RUNNING.next()).containsExactlyInAnyOrder(SUCCEEDED, FAILED, QUEUED);
		assertThat(SUCCEEDED.next()).isEmpty();
		assertThat(FAILED.next()).isEmpty();
	}

	@Test
	void illegalMovesThrowNamingBothEnds() {
		assertThatThrownBy(() -> SUCCEEDED.requireMoveTo(RUNNING)).isInstanceOf(IllegalRunTransitionException.class)
			.hasMessage("a run cannot move from SUCCEEDED to RUNNING");
		assertThatThrownBy(() -> QUEUED.requireMoveTo(SUCCEEDED)).isInstanceOf(IllegalRunTransitionException.class);
		assertThatThrownBy(() -> FAILED.requireMoveTo(QUEUED)).isInstanceOf(IllegalRunTransitionException.class);
		assertThatThrownBy(() -> RUNNING.requireMoveTo(RUNNING)).isInstanceOf(IllegalRunTransitionException.class);
		RUNNING.requireMoveTo(QUEUED); // a retry or an expired lease
	}

}
