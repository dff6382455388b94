package org.tokenyield.analytics.freshness;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.tokenyield.analytics.AnalyticsProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The threads that compute figures a reader waits for:
 * {@code app.analytics.max-computations} of them (by default one fewer than the cores, at
 * least one), so a core is always left to the request threads, and never the JVM's common
 * ForkJoin pool, which a parallel stream would take whole. Every figure computation runs
 * on a {@link FigureThread}: this pool's or a recompute lane's ({@link RecomputeLanes}).
 */
@Component
public class FigurePool implements DisposableBean {

	private final ThreadPoolExecutor executor;

	@Autowired
	FigurePool(AnalyticsProperties properties) {
		this(properties.maxComputations() > 0 ? properties.maxComputations()
				: defaultSize(Runtime.getRuntime().availableProcessors()));
	}

	FigurePool(int size) {
		this.executor = new ThreadPoolExecutor(size, size, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				threads("figure"));
	}

	/** One fewer than {@code cores}, at least one. */
	static int defaultSize(int cores) {
		return Math.max(1, cores - 1);
	}

	int size() {
		return this.executor.getMaximumPoolSize();
	}

	Executor executor() {
		return this.executor;
	}

	<T> Future<T> submit(Callable<T> computation) {
		return this.executor.submit(computation);
	}

	/** Whether this thread computes figures (a read from it is part of a figure). */
	static boolean computing() {
		return Thread.currentThread() instanceof FigureThread;
	}

	/** Daemon {@link FigureThread}s named {@code name-1}, {@code name-2}, ... */
	static ThreadFactory threads(String name) {
		AtomicInteger count = new AtomicInteger();
		return r -> new FigureThread(r, name + "-" + count.incrementAndGet());
	}

	/** A thread named exactly {@code name}. */
	static ThreadFactory thread(String name) {
		return r -> new FigureThread(r, name);
	}

	@Override
	public void destroy() {
		shutdown();
	}

	void shutdown() {
		this.executor.shutdownNow();
	}

	/** A thread that computes figures, the pool's or a lane's. */
	static final class FigureThread extends Thread {

		FigureThread(Runnable work, String name) {
			super(work, name);
			setDaemon(true);
		}

	}

}
