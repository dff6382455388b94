package org.tokenyield.alerts;

import org.tokenyield.system.BackgroundLoop;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Runs the change watcher every few minutes, on a thread of its own. */
@Component
class AlertSchedules implements DisposableBean {

	private final BackgroundLoop loop;

	AlertSchedules(ChangeWatcher watcher, AlertProperties properties) {
		this.loop = new BackgroundLoop("change-watcher", properties.watch(), properties.watch(), watcher::watch);
	}

	@Override
	public void destroy() {
		this.loop.close();
	}

}
