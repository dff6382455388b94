package org.tokenyield.system;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task repeated on a daemon thread of its own, for background work that may be slow (a
 * daily export, webhook calls to other servers): the application's shared scheduler also
 * polls the run queue, and such work must never hold it up. A failing pass is logged and
 * the next one runs.
 */
public final class BackgroundLoop implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

	private final ScheduledExecutorService executor;

	public BackgroundLoop(String name, Duration initialDelay, Duration delay, Runnable task) {
		this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		});
		this.executor.scheduleWithFixedDelay(() -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				log.warn("{} failed, trying again in {}: {}", name, delay, ex.getMessage());
			}
		}, initialDelay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
