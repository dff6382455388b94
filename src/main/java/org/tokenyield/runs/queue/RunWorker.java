package org.tokenyield.runs.queue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tokenyield.catalog.CatalogService;
import org.tokenyield.runs.RunsProperties;
import org.tokenyield.runs.execution.RunExecutor;
import org.tokenyield.runs.limits.ProviderGate;
import org.tokenyield.runs.limits.ProviderLimits;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Polls the queue and executes claimed runs on a bounded pool. Each instance has its own
 * lease owner name, renews its leases while it lives, and puts back runs whose owner
 * died.
 */
@Component
public class RunWorker {

	private static final Logger log = LoggerFactory.getLogger(RunWorker.class);

	private final RunQueue queue;

	private final RunExecutor executor;

	private final ProviderGate gate;

	private final boolean enabled;

	private final Duration lease;

	private final String owner;

	private final ExecutorService pool;

	private final Semaphore slots;

	/**
	 * Drains run one at a time on this thread: the scheduled poll's, or a wake-up when
	 * runs were queued.
	 */
	private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "run-worker-wake");
		t.setDaemon(true);
		return t;
	});

	private final AtomicBoolean wakePending = new AtomicBoolean();

	/**
	 * Drains finished (a test waits for the worker to have looked at the queue again).
	 */
	private final AtomicLong drains = new AtomicLong();

	/**
	 * Set by the first scheduled poll, so that runs queued at startup wait for the
	 * initial delay as before.
	 */
	private volatile boolean started;

	/** Set on shutdown: nothing more is claimed (see {@link #stop()}). */
	private volatile boolean stopping;

	/**
	 * How long shutdown waits for provider calls in flight before giving their runs back.
	 */
	private final Duration shutdownGrace;

	RunWorker(RunQueue queue, RunExecutor executor, ProviderLimits limits, CatalogService catalog, RunClock clock,
			RunsProperties properties) {
		int concurrency = properties.worker().concurrency();
		this.shutdownGrace = properties.worker().shutdownGrace();
		this.queue = queue;
		this.executor = executor;
		this.enabled = properties.worker().enabled();
		this.lease = properties.worker().lease();
		this.owner = ManagementFactory.getRuntimeMXBean().getName() + "-"
				+ UUID.randomUUID().toString().substring(0, 8);
		this.gate = new ProviderGate(queue, limits, catalog, clock, this.owner, this.lease, executor.maxOutputTokens(),
				properties.spendCapRecheck());
		// a slot is held from the claim until the provider call ends; writing the result
		// happens
		// after the slot is freed, so up to twice as many threads: one calling, one
		// finishing
		this.pool = Executors.newFixedThreadPool(2 * concurrency, r -> {
			Thread t = new Thread(r, "run-worker");
			t.setDaemon(true);
			return t;
		});
		this.slots = new Semaphore(concurrency);
	}

	/**
	 * Drains on the worker's own thread, never on the shared scheduler thread: a drain
	 * lasts as long as due work remains, and the scheduler must go on renewing leases
	 * meanwhile.
	 */
	@Scheduled(fixedDelayString = "#{@'" + RunsProperties.BEAN + "'.worker().poll()}",
			initialDelayString = "#{@'" + RunsProperties.BEAN + "'.worker().initialDelay()}")
	void poll() {
		this.started = true;
		wake();
	}

	/**
	 * Starts on newly queued runs as soon as they are committed instead of at the next
	 * poll (up to half a second later); a drain already under way picks them up itself.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void onQueued(RunQueue.RunsQueued event) {
		wake();
	}

	/**
	 * Queues one drain unless one is already waiting to start (the one running may be
	 * busy for long).
	 */
	private void wake() {
		if (!this.enabled || !this.started || this.stopping || !this.wakePending.compareAndSet(false, true)) {
			return;
		}
		try {
			this.waker.execute(() -> {
				this.wakePending.set(false);
				try {
					drainOnce();
				}
				catch (RuntimeException ex) {
					log.warn("Run queue poll failed: {}", ex.getMessage());
				}
				finally {
					this.drains.incrementAndGet();
				}
			});
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			// shutting down
		}
	}

	/**
	 * Claims as many runs as there are free slots, provider by provider within each
	 * provider's limits, and hands them to the pool, waiting for a slot to free up while
	 * due work remains; returns when nothing more can be claimed now (queue empty, or
	 * every provider with due runs at its limit, paused by its breaker or held by its
	 * spend cap).
	 */
	void drainOnce() {
		this.gate.startDrain();
		while (!this.stopping) {
			this.slots.acquireUninterruptibly();
			if (this.stopping) {
				// shutdown began while waiting for a slot (runs claimed before still
				// finish)
				this.slots.release();
				return;
			}
			int wanted = 1 + this.slots.drainPermits();
			List<RunQueue.Claimed> claimed;
			try {
				claimed = this.gate.claimAcrossProviders(wanted);
			}
			catch (RuntimeException ex) {
				this.slots.release(wanted);
				throw ex;
			}
			this.slots.release(wanted - claimed.size());
			if (claimed.isEmpty()) {
				return;
			}

			for (RunQueue.Claimed run : claimed) {
				AtomicBoolean held = new AtomicBoolean(true);
				Runnable freeSlot = () -> {
					if (held.compareAndSet(true, false)) {
						this.slots.release();
					}
				};
				this.pool.execute(() -> {
					try {
						RunExecutor.Outcome outcome = this.executor.execute(run, freeSlot);
						this.gate.settle(run, outcome);
					}
					catch (RuntimeException ex) {
						log.warn("Run {} could not be settled: {}", run.id(), ex.getMessage());
					}
					finally {
						freeSlot.run();
					}
				});
			}
		}
	}

	@Scheduled(fixedDelayString = "#{@'" + RunsProperties.BEAN + "'.worker().heartbeat()}")
	void heartbeatAndRecover() {
		if (!this.enabled) {
			return;
		}
		try {
			this.queue.heartbeat(this.owner, this.lease);
			int requeued = this.queue.requeueExpiredLeases();
			if (requeued > 0) {
				log.info("Put {} runs back in the queue whose instance stopped renewing its lease", requeued);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Lease upkeep failed: {}", ex.getMessage());
		}
	}

	/** For the readiness group: a stopping worker takes no more runs. */
	boolean accepting() {
		return this.enabled && !this.stopping;
	}

	boolean enabled() {
		return this.enabled;
	}

	/**
	 * How many drains this worker has finished; each looked at every provider with due
	 * runs.
	 */
	public long drains() {
		return this.drains.get();
	}

	/**
	 * Graceful shutdown (SIGTERM): claim nothing more, let provider calls in flight
	 * finish and store their replies (within {@code app.runs.worker.shutdown-grace}),
	 * then give every run this instance still holds back to the queue at once instead of
	 * leaving it RUNNING until its lease expires. A reply stored before is kept, so the
	 * next attempt finishes from it unpaid.
	 */
	@PreDestroy
	void stop() throws InterruptedException {
		this.stopping = true;
		this.waker.shutdown();
		this.waker.awaitTermination(this.shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
		this.pool.shutdown();
		boolean finished = this.pool.awaitTermination(this.shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
		if (!this.enabled) {
			return;
		}
		try {
			int given = this.queue.giveBack(this.owner);
			log.info("Shutdown: {}; gave {} runs back to the queue",
					finished ? "calls in flight finished" : "calls still in flight after " + this.shutdownGrace, given);
		}
		catch (RuntimeException ex) {
			log.warn("Shutdown: could not give runs back ({}); their leases expire instead", ex.getMessage());
		}
	}

}
