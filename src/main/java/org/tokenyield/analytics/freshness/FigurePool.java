package org.tokenyield.analytics.freshness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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

	/**
	 * {@code f} of every item, in order. The caller computes items too, and the pool's
	 * idle threads help: the caller never waits for the pool's queue, only for items a
	 * helper has started.
	 */
	@SuppressWarnings("unchecked")
	public <A, B> List<B> map(List<A> items, Function<A, B> f) {
		int n = items.size();
		Object[] out = new Object[n];
		AtomicInteger next = new AtomicInteger();
		Runnable work = () -> {
			for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
				out[i] = f.apply(items.get(i));
			}
		};
		List<Future<?>> helpers = new ArrayList<>();
		for (int h = 0; h < Math.min(size(), n - 1); h++) {
			try {
				helpers.add(this.executor.submit(work));
			}
			catch (RejectedExecutionException ex) {
				break; // shutting down: the caller does it all
			}
		}
		work.run();
		for (Future<?> helper : helpers) {
			// a helper still queued has nothing left to do; one that started is finishing
			// an item
			if (!helper.cancel(false)) {
				await(helper);
			}
		}
		this.executor.purge();
		return (List<B>) Arrays.asList(out);
	}

	private static void await(Future<?> helper) {
		try {
			helper.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while computing a figure", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
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
