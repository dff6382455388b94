package org.tokenyield.analytics.freshness;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures are computed on a pool of their own, bounded so that a core is left to the
 * requests (docs/live-figures.md), never on the JVM's common ForkJoin pool, which a
 * parallel stream would take whole.
 */
class FigurePoolTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.tokenyield");

	final FigurePool pool = new FigurePool(2);

	@AfterEach
	void shutdown() {
		this.pool.shutdown();
	}

	@Test
	void nothingRunsOnTheCommonPool() {
		noClasses().should()
			.callMethodWhere(DescribedPredicate.describe("a call that runs on the common ForkJoin pool",
					FigurePoolTests::onCommonPool))
			.because("the common ForkJoin pool takes every core from the request threads")
			.check(MAIN);
	}

	/**
	 * A parallel stream, the common pool itself, or an async call without an executor.
	 */
	private static boolean onCommonPool(JavaMethodCall call) {
		String name = call.getTarget().getName();
		String owner = call.getTarget().getOwner().getName();
		return name.equals("parallelStream") || name.equals("commonPool")
				|| (name.equals("parallel") && owner.startsWith("java.util.stream."))
				|| (name.matches("(supply|run)Async") && call.getTarget().getRawParameterTypes().size() == 1);
	}

	@Test
	void theDefaultSizeLeavesOneCoreToRequests() {
		assertThat(FigurePool.defaultSize(1)).isEqualTo(1);
		assertThat(FigurePool.defaultSize(2)).isEqualTo(1);
		assertThat(FigurePool.defaultSize(8)).isEqualTo(7);
	}

	@Test
	void atMostSizeComputationsRunAtOnce() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
		List<java.util.concurrent.Future<Integer>> all = IntStream.range(0, 6).mapToObj(i -> this.pool.submit(() -> {
			most.accumulateAndGet(running.incrementAndGet(), Math::max);
			release.await(10, TimeUnit.SECONDS);
			running.decrementAndGet();
			return i;
		})).toList();
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> running.get() == 2);
		release.countDown();
		for (java.util.concurrent.Future<Integer> f : all) {
			f.get(10, TimeUnit.SECONDS);
		}
		// six submitted, a pool of two: never more than two at once
		assertThat(most.get()).isEqualTo(2);
	}

}
