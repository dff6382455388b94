package org.tokenyield.alerts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code alert_events} table: entries recorded once per change, read for the feeds
 * and for the body of a webhook delivery; {@link AlertLog} holds the rules.
 */
@Repository
class AlertRepository {

	private final JdbcClient jdbc;

	AlertRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The new entry's id, or empty when an entry with the same {@code dedupeKey} exists.
	 */
	Optional<Long> insert(String kind, String modelKey, boolean simulated, String title, String summary,
			String dedupeKey) {
		List<Long> id = this.jdbc.sql("""
				insert into alert_events (kind, model_key, simulated, title, summary, dedupe_key)
				values (?, ?, ?, ?, ?, ?) on conflict (dedupe_key) do nothing returning id""")
			.params(kind, modelKey, simulated, title, summary, dedupeKey)
			.query(Long.class)
			.list();
		return id.stream().findFirst();
	}

	/**
	 * Newest first, at most {@code limit}: all versions or one ({@code modelKey} null for
	 * all), simulated ones only with {@code demo}.
	 */
	List<Alert> recent(String modelKey, boolean demo, int limit) {
		return this.jdbc.sql("""
				select id, occurred_at, kind, model_key, simulated, title, summary from alert_events
				 where (cast(:model as varchar) is null or model_key = :model) and (:demo or not simulated)
				 order by occurred_at desc, id desc limit :limit""")
			.param("model", modelKey)
			.param("demo", demo)
			.param("limit", limit)
			.query((rs, i) -> new Alert(rs.getLong(1), rs.getTimestamp(2).toInstant(),
					AlertKind.fromApiName(rs.getString(3)), rs.getString(4), rs.getBoolean(5), rs.getString(6),
					rs.getString(7)))
			.list();
	}

	/** The entry's kind as the API names it. */
	String kind(long alertId) {
		return this.jdbc.sql("select kind from alert_events where id = ?").param(alertId).query(String.class).single();
	}

	/** The entry as a webhook delivery's JSON body carries it, in field order. */
	Map<String, Object> payload(long alertId) {
		return this.jdbc.sql("""
				select id, kind, model_key, simulated, title, summary, occurred_at from alert_events where id = ?""")
			.param(alertId)
			.query((rs, i) -> {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("id", rs.getLong(1));
				m.put("kind", rs.getString(2));
				m.put("model", rs.getString(3));
				m.put("simulated", rs.getBoolean(4));
				m.put("title", rs.getString(5));
				m.put("summary", rs.getString(6));
				m.put("occurred_at", rs.getTimestamp(7).toInstant().toString());
				return m;
			})
			.single();
	}

}
