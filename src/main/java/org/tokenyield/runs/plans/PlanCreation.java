package org.tokenyield.runs.plans;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tokenyield.accounts.AccountView;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.runs.PlanConfirmation;
import org.tokenyield.runs.PlanTrigger;
import org.tokenyield.runs.RunService.ModelEstimate;
import org.tokenyield.runs.RunService.PlanCreated;
import org.tokenyield.runs.RunService.PlanEstimate;
import org.tokenyield.runs.RunService.PlanRequest;
import org.tokenyield.runs.RunsProperties;
import org.tokenyield.runs.queue.RunQueue;
import org.tokenyield.system.AuditLog;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.system.Setting;

import org.springframework.stereotype.Component;

/**
 * A maintainer's plan from request to queue: validated (every field error at once),
 * estimated ({@link PlanEstimator}), confirmed when large ({@link PlanConfirmation}),
 * queued and audited. The caller ({@link RunService}) holds the transaction.
 */
@Component
public class PlanCreation {

	private final RunQueue queue;

	private final CatalogService catalog;

	private final PromptService prompts;

	private final AuditLog audit;

	private final PlanEstimateQuery estimates;

	private final PlanEstimator estimator;

	private final PlanConfirmation confirmation;

	PlanCreation(RunQueue queue, CatalogService catalog, PromptService prompts, AuditLog audit,
			PlanEstimateQuery estimates, RunsProperties properties, PlanConfirmation confirmation) {
		this.queue = queue;
		this.catalog = catalog;
		this.prompts = prompts;
		this.audit = audit;
		this.estimates = estimates;
		this.estimator = new PlanEstimator(properties.maxOutputTokens());
		this.confirmation = confirmation;
	}

	private record ValidPlan(List<ModelVersion> models, List<String> settings, List<Long> promptIds) {
	}

	private ValidPlan validate(PlanRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		List<ModelVersion> models = new ArrayList<>();
		for (int i = 0; i < request.models().size(); i++) {
			String key = request.models().get(i);
			Optional<ModelVersion> model = this.catalog.find(key);
			if (model.isEmpty()) {
				errors.put("models[" + i + "]", "'" + key + "' is not a known model version");
			}
			else if (!model.get().schedulable()) {
				errors.put("models[" + i + "]", "'" + key + "' is inactive or external (import-only)");
			}
			else {
				models.add(model.get());
			}
		}
		List<String> settings = request.settings() == null ? List.of() : request.settings();
		for (int i = 0; i < settings.size(); i++) {
			if (!Setting.valid(settings.get(i))) {
				errors.put("settings[" + i + "]", "is not " + Setting.DESCRIPTION);
			}
		}
		if (request.samples() != null && (request.samples() < 1 || request.samples() > 64)) {
			errors.put("samples", "must be between 1 and 64");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("The plan is invalid: " + errors, errors);
		}
		List<Long> promptIds = request.allApproved() ? this.prompts.approvedIds() : request.prompts();
		return new ValidPlan(models, settings, promptIds);
	}

	public PlanEstimate estimate(PlanRequest request) {
		ValidPlan plan = validate(request);
		PlanEstimator.Prompts prompts = this.estimates.approvedPrompts(plan.promptIds());
		BigDecimal expected = BigDecimal.ZERO;
		BigDecimal worst = BigDecimal.ZERO;
		long runs = 0;
		List<ModelEstimate> byModel = new ArrayList<>();
		for (ModelVersion m : plan.models()) {
			List<String> settings = plan.settings().isEmpty() ? m.settings() : plan.settings();
			int samples = request.samples() != null ? request.samples() : m.samples();
			for (String setting : settings) {
				ModelEstimate e = this.estimator.estimate(m.key(), m.prices(), setting, samples, prompts,
						this.estimates.meanOutputTokens(m.id(), setting));
				byModel.add(e);
				expected = expected.add(e.expectedCostUsd());
				worst = worst.add(e.worstCaseCostUsd());
				runs += e.runs();
			}
		}
		return new PlanEstimate(runs, prompts.count(), expected, worst, byModel);
	}

	public PlanCreated plan(PlanRequest request, AccountView by, boolean confirmed) {
		PlanEstimate estimate = estimate(request);
		BigDecimal worst = estimate.worstCaseCostUsd().setScale(2, RoundingMode.UP);
		if (!confirmed && this.confirmation.required(estimate.runs(), estimate.worstCaseCostUsd())) {
			throw new InvalidInputException("confirm",
					"is required: this plan queues " + estimate.runs() + " runs costing up to $" + worst + ", above "
							+ this.confirmation.planConfirmRuns() + " runs or $" + this.confirmation.planConfirmUsd()
							+ "; confirm to queue it");
		}
		ValidPlan plan = validate(request);
		long planId = this.queue.newPlan(PlanTrigger.MANUAL,
				"Plan by " + by.username() + ": " + String.join(", ", request.models()), by.id());
		int queued = this.queue.enqueue(planId, "plan:" + planId, plan.promptIds(),
				plan.models().stream().map(ModelVersion::id).toList(), plan.settings(), request.samples());
		this.audit.record(by.id(), "PLAN_CREATED", null, "plan #" + planId + ": " + queued + " runs of "
				+ String.join(", ", request.models()) + ", worst case $" + worst);
		return new PlanCreated(planId, queued);
	}

}
