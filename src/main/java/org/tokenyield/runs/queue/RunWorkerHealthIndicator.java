package org.tokenyield.runs.queue;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * "runWorker" in the readiness group: an instance whose queue worker is stopping is not
 * ready.
 */
@Component
class RunWorkerHealthIndicator implements HealthIndicator {

	private final RunWorker worker;

	RunWorkerHealthIndicator(RunWorker worker) {
		this.worker = worker;
	}

	@Override
	public Health health() {
		if (!this.worker.enabled()) {
			return Health.up().withDetail("worker", "disabled on this instance").build();
		}
		return this.worker.accepting() ? Health.up().build() : Health.outOfService().build();
	}

}
