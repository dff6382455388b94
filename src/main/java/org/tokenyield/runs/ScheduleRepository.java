package org.tokenyield.runs;

import java.util.List;

import org.tokenyield.runs.RunSchedules.Schedule;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code run_schedules}: recurring re-runs and the last period each one queued. Callers
 * hold the transaction.
 */
@Component
class ScheduleRepository {

	private final JdbcClient jdbc;

	ScheduleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An active schedule, locked while its period is advanced. */
	record Due(long id, long modelId, int interval, String[] settings, Integer samples, Long last) {
	}

	/** Every schedule, with its version's key, in creation order. */
	List<Schedule> all() {
		return this.jdbc
			.sql("""
					select s.id, m.model_key, s.interval_days, s.settings, s.samples, s.active, s.last_period, s.last_plan_id
					  from run_schedules s join catalog_models m on m.id = s.model_id order by s.id""")
			.query((rs, i) -> new Schedule(rs.getLong(1), rs.getString(2), rs.getInt(3),
					rs.getArray(4) == null ? null : List.of((String[]) rs.getArray(4).getArray()),
					(Integer) rs.getObject(5), rs.getBoolean(6), (Long) rs.getObject(7), (Long) rs.getObject(8)))
			.list();
	}

	long insert(long modelId, int intervalDays, String[] settings, Integer samples, Long createdBy) {
		return this.jdbc.sql("""
				insert into run_schedules (model_id, interval_days, settings, samples, created_by)
				values (?, ?, ?, ?, ?) returning id""")
			.params(modelId, intervalDays, settings, samples, createdBy)
			.query(Long.class)
			.single();
	}

	void setActive(long id, boolean active) {
		this.jdbc.sql("update run_schedules set active = ? where id = ?").params(active, id).update();
	}

	/**
	 * The active schedules, locked until the transaction ends (another instance skips
	 * them).
	 */
	List<Due> lockActive() {
		return this.jdbc.sql("""
				select id, model_id, interval_days, settings, samples, last_period from run_schedules
				 where active for update skip locked""")
			.query((rs, i) -> new Due(rs.getLong(1), rs.getLong(2), rs.getInt(3),
					rs.getArray(4) == null ? null : (String[]) rs.getArray(4).getArray(), (Integer) rs.getObject(5),
					(Long) rs.getObject(6)))
			.list();
	}

	/** The schedule queued {@code period} as plan {@code planId}. */
	void queued(long id, long period, long planId) {
		this.jdbc.sql("update run_schedules set last_period = ?, last_plan_id = ? where id = ?")
			.params(period, planId, id)
			.update();
	}

}
