package org.tokenyield.analytics;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remembered bootstraps and trailing intervals (docs/live-figures.md): a result is reused
 * only for an equal input; a changed input is answered at once with its point and the
 * last interval while the whole calculation runs apart, after which the memo answers it
 * without calculating again and says it has caught up.
 */
class CalculationMemoTests {

	/** A stand-in for an estimate: a point and the interval's width. */
	record Result(double point, double width) {
	}

	static final List<Object> ROW = List.of("summary", 42L);

	@Test
	void anEqualInputIsAnsweredFromMemoryAndAChangedOneIsCalculated() {
		CalculationMemo memo = new CalculationMemo(8, 0, () -> {
		});
		assertThat(memo.get(ROW, List.of(List.of(1, 2)), () -> new Result(1.5, 1))).isEqualTo(new Result(1.5, 1));
		assertThat(memo.get(ROW, List.of(List.of(1, 2)), () -> new Result(9, 9))).isEqualTo(new Result(1.5, 1));
		assertThat(memo.get(ROW, List.of(List.of(1, 3)), () -> new Result(2, 2))).isEqualTo(new Result(2, 2));
		assertThat(memo.calculated()).isEqualTo(2);
	}

	@Test
	void aChangedInputShowsItsPointWithTheLastIntervalUntilTheWholeResultLands() throws Exception {
		CountDownLatch caughtUp = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CalculationMemo memo = new CalculationMemo(8, 0, caughtUp::countDown);
		try {
			Result first = memo.trailing(ROW, List.of("v1"), () -> new Result(1, 0.5), () -> new Result(1, 0),
					(point, last) -> new Result(point.point(), last.width()));
			assertThat(first).as("nothing to trail: calculated at once").isEqualTo(new Result(1, 0.5));

			Result trailing = memo.trailing(ROW, List.of("v2"), () -> {
				await(release);
				return new Result(2, 0.7);
			}, () -> new Result(2, 0), (point, last) -> new Result(point.point(), last.width()));
			assertThat(trailing).as("the new point, the last interval").isEqualTo(new Result(2, 0.5));
			assertThat(memo.trailingBehind()).isTrue();
			assertThat(caughtUp.getCount()).isEqualTo(1);

			release.countDown();
			assertThat(caughtUp.await(10, TimeUnit.SECONDS)).isTrue();
			long calculated = memo.calculated();
			assertThat(memo.trailing(ROW, List.of("v2"), () -> new Result(9, 9), () -> new Result(9, 0),
					(point, last) -> point))
				.isEqualTo(new Result(2, 0.7));
			assertThat(memo.calculated()).isEqualTo(calculated);
			assertThat(memo.trailingBehind()).isFalse();
		}
		finally {
			release.countDown();
			memo.shutdown();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
