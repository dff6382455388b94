package org.tokenyield.alerts;

import java.util.List;
import java.util.Optional;

import org.tokenyield.system.SimulatedVisibility;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place alerts are recorded and read. Recording is idempotent per
 * {@code dedupeKey} (the change itself, e.g. the new verdict of a version pair), so
 * instances watching at once, or a watcher re-run, add one entry. Each new entry queues
 * one delivery per active webhook in the same transaction (an outbox): delivery happens
 * later, in the dispatcher.
 */
@Service
public class AlertLog {

	static final int FEED_SIZE = 50;

	private final AlertRepository entries;

	private final WebhookDeliveryRepository deliveries;

	private final SimulatedVisibility visibility;

	AlertLog(AlertRepository entries, WebhookDeliveryRepository deliveries, SimulatedVisibility visibility) {
		this.entries = entries;
		this.deliveries = deliveries;
		this.visibility = visibility;
	}

	/** Records the change unless already recorded; returns whether it was new. */
	@Transactional
	public boolean record(AlertKind kind, String modelKey, boolean simulated, String title, String summary,
			String dedupeKey) {
		Optional<Long> id = this.entries.insert(kind.apiName(), modelKey, simulated, clip(title, 300),
				clip(summary, 2000), clip(dedupeKey, 400));
		id.ifPresent(this.deliveries::queue);
		return id.isPresent();
	}

	/**
	 * "A setting is newly flagged ignored" (docs/alerts.md): {@link ChangeWatcher} calls
	 * this when a setting of a version's sweep turns {@code setting_ignored}. One entry
	 * per version and setting: a setting whose interval hovers at 0 does not flood the
	 * feed each time it turns.
	 */
	public boolean settingIgnored(String modelKey, boolean simulated, String setting, String detail) {
		return record(AlertKind.SETTING_IGNORED, modelKey, simulated,
				"Setting " + setting + " of " + modelKey + " looks ignored", detail,
				"setting_ignored:" + modelKey + ":" + setting);
	}

	/** Newest first; all versions, or one; simulated ones only in demo mode. */
	@Transactional(readOnly = true)
	public List<Alert> recent(String modelKey) {
		return this.entries.recent(modelKey, this.visibility.showsSimulated(), FEED_SIZE);
	}

	static String clip(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max - 1) + "…";
	}

}
