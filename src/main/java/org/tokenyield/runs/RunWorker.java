package org.tokenyield.runs;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the queue and executes claimed runs on a bounded pool. Each instance has its own lease
 * owner name, renews its leases while it lives, and puts back runs whose owner died.
 */
@Component
class RunWorker {

	private static final Logger log = LoggerFactory.getLogger(RunWorker.class);

	private final RunQueue queue;

	private final RunExecutor executor;

	private final boolean enabled;

	private final int concurrency;

	private final Duration lease;

	private final String owner;

	private final ExecutorService pool;

	private final Semaphore slots;

	RunWorker(RunQueue queue, RunExecutor executor, @Value("${app.runs.worker.enabled:true}") boolean enabled,
			@Value("${app.runs.worker.concurrency:4}") int concurrency,
			@Value("${app.runs.worker.lease:PT2M}") Duration lease) {
		this.queue = queue;
		this.executor = executor;
		this.enabled = enabled;
		this.concurrency = concurrency;
		this.lease = lease;
		this.owner = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
		this.pool = Executors.newFixedThreadPool(concurrency, r -> {
			Thread t = new Thread(r, "run-worker");
			t.setDaemon(true);
			return t;
		});
		this.slots = new Semaphore(concurrency);
	}

	@Scheduled(fixedDelayString = "${app.runs.worker.poll:PT0.5S}", initialDelayString = "${app.runs.worker.initial-delay:PT2S}")
	void poll() {
		if (!this.enabled) {
			return;
		}
		try {
			drainOnce();
		}
		catch (RuntimeException ex) {
			log.warn("Run queue poll failed: {}", ex.getMessage());
		}
	}

	/**
	 * Claims as many runs as there are free slots and hands them to the pool, waiting for a slot
	 * to free up while due work remains; returns when the queue has nothing due.
	 */
	void drainOnce() {
		while (true) {
			this.slots.acquireUninterruptibly();
			int wanted = 1 + this.slots.drainPermits();
			List<RunQueue.Claimed> claimed;
			try {
				claimed = this.queue.claim(this.owner, wanted, this.lease);
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
				this.pool.execute(() -> {
					try {
						this.executor.execute(run);
					}
					finally {
						this.slots.release();
					}
				});
			}
		}
	}

	@Scheduled(fixedDelayString = "${app.runs.worker.heartbeat:PT20S}")
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

	@PreDestroy
	void stop() throws InterruptedException {
		this.pool.shutdown();
		this.pool.awaitTermination(10, TimeUnit.SECONDS);
	}

	int concurrency() {
		return this.concurrency;
	}

}
