package org.tokenyield.alerts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

import org.tokenyield.analytics.FigureFilter;
import org.tokenyield.analytics.ConfigFigureService;
import org.tokenyield.analytics.ConfigFigureService.TimelineReport;
import org.tokenyield.analytics.FigureService;
import org.tokenyield.analytics.LeaderboardService;
import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.analytics.calc.SettingHonour;
import org.tokenyield.analytics.calc.Verdict;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.system.NotFoundException;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compares what the public figures say now with what they said at the previous pass, and
 * records an alert for each change (docs/alerts.md):
 * <ul>
 * <li>the verdict of a version against its predecessor (default settings, all prompts)
 * changes from one verdict to another;</li>
 * <li>the drift over time of a version (default setting) starts to leave its interval:
 * tokens or accuracy changed between the early and late weeks although the API model name
 * did not;</li>
 * <li>a setting of a version's sweep is newly flagged {@code setting_ignored} (all
 * prompts): recorded through {@link AlertLog#settingIgnored}, once per version and
 * setting.</li>
 * </ul>
 * The first observation of a subject only records it (a fresh deployment does not alert
 * on the whole history). One instance watches at a time (a transaction-scoped advisory
 * lock), so each change is one entry.
 */
@Component
public class ChangeWatcher {

	private final AlertStateRepository state;

	private final LeaderboardService leaderboard;

	private final FigureService figures;

	private final ConfigFigureService configFigures;

	private final AlertLog alerts;

	private final Clock clock;

	private static final IntSupplier NOTHING = () -> 0;

	ChangeWatcher(AlertStateRepository state, LeaderboardService leaderboard, FigureService figures,
			ConfigFigureService configFigures, AlertLog alerts, Clock clock) {
		this.configFigures = configFigures;
		this.state = state;
		this.leaderboard = leaderboard;
		this.figures = figures;
		this.alerts = alerts;
		this.clock = clock;
	}

	/**
	 * One pass over every visible version; returns the number of new alerts. Every figure
	 * is read before the first write: the transaction takes a transaction id at its first
	 * write and holds it to its end, and a pass that read figures after writing (for
	 * minutes on a cold history of millions of runs) held back the oldest transaction
	 * every snapshot sees, and with it what vacuum may remove (docs/alerts.md).
	 */
	@Transactional
	public int watch() {
		if (!this.state.tryLockForThisTransaction()) {
			return 0;
		}
		List<IntSupplier> writes = new ArrayList<>();
		for (ModelVersion v : this.leaderboard.visibleModels()) {
			writes.add(verdict(v));
			writes.add(timeline(v));
			writes.add(ignoredSettings(v));
		}
		int added = 0;
		for (IntSupplier write : writes) {
			added += write.getAsInt();
		}
		return added;
	}

	/** The verdict now; the write that records it. */
	private IntSupplier verdict(ModelVersion v) {
		if (v.predecessor() == null) {
			return NOTHING;
		}
		String now;
		try {
			Verdict verdict = this.leaderboard.drift(v.predecessor(), v.key(), FigureFilter.EVERYTHING)
				.overall()
				.verdict();
			now = verdict == null ? "none" : verdict.apiName();
		}
		catch (NotFoundException ex) {
			return NOTHING; // the predecessor is not public (simulated outside demo mode)
		}
		return () -> verdict(v, now);
	}

	private int verdict(ModelVersion v, String now) {
		String subject = "verdict:" + v.predecessor() + "->" + v.key();
		Optional<String> before = this.state.swap(subject, now);
		if (before.isEmpty() || before.get().equals(now) || "none".equals(now)) {
			return 0;
		}
		String title = "Verdict of " + v.key() + " changed to " + now.replace('_', ' ');
		String summary = "Against its predecessor " + v.predecessor()
				+ " (default settings, all prompts), the verdict of " + v.key() + " changed from "
				+ before.get().replace('_', ' ') + " to " + now.replace('_', ' ') + ".";
		return record(AlertKind.VERDICT_CHANGED, v, title, summary, subject);
	}

	/** The drift over time now; the write that records it. */
	private IntSupplier timeline(ModelVersion v) {
		TimelineReport t = this.configFigures.timeline(v.key(), FigureFilter.EVERYTHING);
		return () -> timeline(v, t);
	}

	private int timeline(ModelVersion v, TimelineReport t) {
		String now = "tokens=" + t.tokensChanged() + ",accuracy=" + t.accuracyChanged();
		String subject = "timeline:" + v.key() + "@" + t.setting();
		Optional<String> before = this.state.swap(subject, now);
		if (before.isEmpty()) {
			return 0;
		}
		boolean tokensNew = t.tokensChanged() && !before.get().contains("tokens=true");
		boolean accuracyNew = t.accuracyChanged() && !before.get().contains("accuracy=true");
		if (!tokensNew && !accuracyNew) {
			return 0;
		}
		String what = tokensNew && accuracyNew ? "generated tokens and accuracy"
				: tokensNew ? "generated tokens" : "accuracy";
		String title = "Drift over time: " + what + " of " + v.key() + " changed";
		String summary = "Under the unchanged name " + v.key() + " (" + t.setting() + "), " + what
				+ " changed between the weeks " + String.join(", ", t.earlyWeeks()) + " and "
				+ String.join(", ", t.lateWeeks()) + ": the interval of the change no longer includes 0"
				+ (t.tokensChange() != null && t.tokensChange().value() != null
						? String.format(java.util.Locale.ROOT, " (tokens %+.1f per prompt)", t.tokensChange().value())
						: "")
				+ ".";
		return record(AlertKind.DRIFT_OVER_TIME, v, title, summary, subject);
	}

	/**
	 * The subject is the version: the settings flagged now against those flagged at the
	 * previous pass, so a setting that first gets results (or a version first seen with
	 * an empty sweep) and is flagged later still makes an entry.
	 */
	private IntSupplier ignoredSettings(ModelVersion v) {
		List<SettingHonour> flagged = this.figures.scaling(v.key(), FigureFilter.EVERYTHING)
			.honour()
			.stream()
			.filter(SettingHonour::ignored)
			.toList();
		return () -> ignoredSettings(v, flagged);
	}

	private int ignoredSettings(ModelVersion v, List<SettingHonour> flagged) {
		String now = String.join(",", flagged.stream().map(SettingHonour::setting).toList());
		Optional<String> before = this.state.swap("setting_ignored:" + v.key(), now);
		if (before.isEmpty()) {
			return 0;
		}
		Set<String> was = Set.of(before.get().split(","));
		int added = 0;
		for (SettingHonour h : flagged) {
			if (!was.contains(h.setting())
					&& this.alerts.settingIgnored(v.key(), v.simulated(), h.setting(), detail(v, h))) {
				added++;
			}
		}
		return added;
	}

	private static String detail(ModelVersion v, SettingHonour h) {
		Estimate c = h.reasoningChange();
		return String.format(Locale.ROOT,
				"%s of %s asks for more thinking than %s, yet its reasoning tokens changed by %+.0f per prompt "
						+ "(95 %% interval %+.0f to %+.0f, paired over %d prompts): not above %s.",
				h.setting(), v.key(), h.comparedWith(), c.value(), c.ciLow(), c.ciHigh(), h.prompts(),
				h.comparedWith());
	}

	private int record(AlertKind kind, ModelVersion v, String title, String summary, String subject) {
		// the pass holds the lock, so the subject and the time identify this change
		// uniquely
		String dedupe = kind.apiName() + ":" + subject + "@" + this.clock.instant();
		return this.alerts.record(kind, v.key(), v.simulated(), title, summary, dedupe) ? 1 : 0;
	}

}
