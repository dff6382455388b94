package org.tokenyield.alerts;

import java.util.List;

import org.tokenyield.system.SimulatedVisibility;

import org.springframework.jdbc.core.simple.JdbcClient;
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

	private final JdbcClient jdbc;

	private final SimulatedVisibility visibility;

	AlertLog(JdbcClient jdbc, SimulatedVisibility visibility) {
		this.jdbc = jdbc;
		this.visibility = visibility;
	}

	/** Records the change unless already recorded; returns whether it was new. */
	@Transactional
	public boolean record(AlertKind kind, String modelKey, boolean simulated, String title, String summary,
			String dedupeKey) {
		List<Long> id = this.jdbc.sql("""
				insert into alert_events (kind, model_key, simulated, title, summary, dedupe_key)
				values (?, ?, ?, ?, ?, ?) on conflict (dedupe_key) do nothing returning id""")
			.params(kind.apiName(), modelKey, simulated, clip(title, 300), clip(summary, 2000), clip(dedupeKey, 400))
			.query(Long.class)
			.list();
		if (id.isEmpty()) {
			return false;
		}
		this.jdbc.sql("""
				insert into webhook_deliveries (webhook_id, alert_id)
				select id, ? from webhooks where active""").param(id.get(0)).update();
		return true;
	}

	/**
	 * "A setting is newly flagged ignored" (issue 11, item 1): {@link ChangeWatcher}
	 * calls this when a setting of a version's sweep turns {@code setting_ignored}. One
	 * entry per version and setting: a setting whose interval hovers at 0 does not flood
	 * the feed each time it turns.
	 */
	public boolean settingIgnored(String modelKey, boolean simulated, String setting, String detail) {
		return record(AlertKind.SETTING_IGNORED, modelKey, simulated,
				"Setting " + setting + " of " + modelKey + " looks ignored", detail,
				"setting_ignored:" + modelKey + ":" + setting);
	}

	/** Newest first; all versions, or one; simulated ones only in demo mode. */
	@Transactional(readOnly = true)
	public List<Alert> recent(String modelKey) {
		return this.jdbc.sql("""
				select id, occurred_at, kind, model_key, simulated, title, summary from alert_events
				 where (cast(:model as varchar) is null or model_key = :model) and (:demo or not simulated)
				 order by occurred_at desc, id desc limit :limit""")
			.param("model", modelKey)
			.param("demo", this.visibility.showsSimulated())
			.param("limit", FEED_SIZE)
			.query((rs, i) -> new Alert(rs.getLong(1), rs.getTimestamp(2).toInstant(),
					AlertKind.fromApiName(rs.getString(3)), rs.getString(4), rs.getBoolean(5), rs.getString(6),
					rs.getString(7)))
			.list();
	}

	static String clip(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max - 1) + "…";
	}

}
