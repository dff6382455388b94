package org.tokenyield.exports;

import org.tokenyield.system.BackgroundLoop;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Takes the daily snapshot soon after midnight UTC: every instance checks hourly on a
 * thread of its own (never the run queue's scheduler), the first one after the day ended
 * takes it, the others find it there.
 */
@Component
class ExportScheduler implements DisposableBean {

	private final BackgroundLoop loop;

	ExportScheduler(ExportService exports, ExportProperties properties) {
		this.loop = new BackgroundLoop("daily-export", properties.firstCheck(), properties.check(),
				exports::snapshotYesterday);
	}

	@Override
	public void destroy() {
		this.loop.close();
	}

}
