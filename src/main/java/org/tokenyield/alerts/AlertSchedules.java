package org.tokenyield.alerts;

import java.time.Duration;

import org.tokenyield.system.BackgroundLoop;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Runs the change watcher every few minutes, on a thread of its own. */
@Component
class AlertSchedules implements DisposableBean {

	private final BackgroundLoop loop;

	AlertSchedules(ChangeWatcher watcher, @Value("${app.alerts.watch:PT5M}") Duration every) {
		this.loop = new BackgroundLoop("change-watcher", every, every, watcher::watch);
	}

	@Override
	public void destroy() {
		this.loop.close();
	}

}
