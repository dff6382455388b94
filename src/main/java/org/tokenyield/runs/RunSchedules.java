package org.tokenyield.runs;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tokenyield.accounts.AccountView;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.runs.queue.RunQueue;
import org.tokenyield.system.Setting;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.system.InvalidInputException;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recurring re-runs, so drift over time has data: every {@code interval_days} a schedule
 * queues every approved prompt on its version as a new plan. The period is the number of
 * whole intervals since 1970-01-01 (UTC); runs are keyed
 * {@code schedule:<id>:<period>:...} and the schedule row is locked while its period is
 * advanced, so several instances and restarts queue each period exactly once.
 */
@Service
public class RunSchedules {

	private static final Logger log = LoggerFactory.getLogger(RunSchedules.class);

	private final ScheduleRepository schedules;

	private final RunQueue queue;

	private final CatalogService catalog;

	private final PromptService prompts;

	private final Clock clock;

	RunSchedules(ScheduleRepository schedules, RunQueue queue, CatalogService catalog, PromptService prompts,
			Clock clock) {
		this.schedules = schedules;
		this.queue = queue;
		this.catalog = catalog;
		this.prompts = prompts;
		this.clock = clock;
	}

	public record Schedule(long id, String model, int intervalDays, List<String> settings, Integer samples,
			boolean active, Long lastPeriod, Long lastPlanId) {
	}

	@Transactional(readOnly = true)
	public List<Schedule> all() {
		return this.schedules.all();
	}

	@Transactional
	public long create(String modelKey, int intervalDays, List<String> settings, Integer samples, AccountView by) {
		ModelVersion model = this.catalog.find(modelKey)
			.filter(ModelVersion::schedulable)
			.orElseThrow(() -> new InvalidInputException("model", "is not an active, schedulable model version"));
		if (intervalDays < 1 || intervalDays > 366) {
			throw new InvalidInputException("interval_days", "must be between 1 and 366");
		}
		if (samples != null && (samples < 1 || samples > 64)) {
			throw new InvalidInputException("samples", "must be between 1 and 64");
		}
		List<String> s = settings == null ? List.of() : settings;
		for (String setting : s) {
			if (!Setting.valid(setting)) {
				throw new InvalidInputException("settings", "'" + setting + "' is not " + Setting.DESCRIPTION);
			}
		}
		return this.schedules.insert(model.id(), intervalDays, s.isEmpty() ? null : s.toArray(String[]::new), samples,
				by == null ? null : by.id());
	}

	@Transactional
	public void setActive(long id, boolean active) {
		this.schedules.setActive(id, active);
	}

	long period(int intervalDays) {
		return this.clock.instant().getEpochSecond() / 86_400 / intervalDays;
	}

	@Scheduled(fixedDelayString = "#{@'" + RunsProperties.BEAN + "'.schedules().check()}",
			initialDelayString = "#{@'" + RunsProperties.BEAN + "'.schedules().initialDelay()}")
	void tick() {
		try {
			int queued = queueDue();
			if (queued > 0) {
				log.info("Recurring re-runs queued {} runs", queued);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Recurring re-runs failed: {}", ex.getMessage());
		}
	}

	/** Queues the current period of every active schedule that has not had it yet. */
	@Transactional
	public int queueDue() {
		List<ScheduleRepository.Due> due = this.schedules.lockActive();
		int queued = 0;
		for (ScheduleRepository.Due d : due) {
			long period = period(d.interval());
			if (d.last() != null && d.last() >= period) {
				continue;
			}
			ModelVersion model = this.catalog.find(d.modelId()).orElse(null);
			if (model == null || !model.schedulable()) {
				continue;
			}
			long plan = this.queue.newPlan(PlanTrigger.SCHEDULE,
					"Schedule #" + d.id() + ": " + model.key() + " every " + d.interval() + " days, period " + period,
					null);
			queued += this.queue.enqueue(plan, "schedule:" + d.id() + ":" + period, this.prompts.approvedIds(),
					List.of(d.modelId()), d.settings() == null ? null : List.of(d.settings()), d.samples());
			this.schedules.queued(d.id(), period, plan);
		}
		return queued;
	}

}
