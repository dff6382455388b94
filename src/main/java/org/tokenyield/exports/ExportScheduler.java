package org.tokenyield.exports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Takes the daily snapshot soon after midnight UTC: every instance checks hourly, the first one
 * after the day ended takes it, the others find it there.
 */
@Component
class ExportScheduler {

	private static final Logger log = LoggerFactory.getLogger(ExportScheduler.class);

	private final ExportService exports;

	ExportScheduler(ExportService exports) {
		this.exports = exports;
	}

	@Scheduled(initialDelayString = "${app.exports.first-check:PT2M}", fixedDelayString = "${app.exports.check:PT1H}")
	void snapshotEndedDay() {
		try {
			this.exports.snapshotYesterday();
		}
		catch (RuntimeException ex) {
			// the next check tries again; a snapshot is all or nothing (one transaction)
			log.warn("Daily export failed: {}", ex.getMessage());
		}
	}

}
