package org.tokenyield.runs.plans;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.catalog.ModelVersionAdded;
import org.tokenyield.prompts.PromptEvents.GradingRuleChanged;
import org.tokenyield.prompts.PromptEvents.PromptApproved;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.runs.PlanTrigger;
import org.tokenyield.runs.judge.Regrader;
import org.tokenyield.runs.queue.RunQueue;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Queues runs in the same transaction as the act that asks for them, so an approval or a
 * new version can never be committed without its runs.
 */
@Component
class RunEventHandlers {

	private static final Logger log = LoggerFactory.getLogger(RunEventHandlers.class);

	static final String BASELINE = "baseline";

	private final RunQueue queue;

	private final CatalogService catalog;

	private final PromptService prompts;

	private final Regrader regrader;

	RunEventHandlers(RunQueue queue, CatalogService catalog, PromptService prompts, Regrader regrader) {
		this.queue = queue;
		this.catalog = catalog;
		this.prompts = prompts;
		this.regrader = regrader;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(PromptApproved event) {
		List<Long> models = this.catalog.all()
			.stream()
			.filter(ModelVersion::schedulable)
			.map(ModelVersion::id)
			.toList();
		long plan = this.queue.newPlan(PlanTrigger.APPROVAL, "Prompt #" + event.promptId() + " approved", null);
		this.queue.enqueue(plan, BASELINE, List.of(event.promptId()), models, null, null);
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ModelVersionAdded event) {
		long plan = this.queue.newPlan(PlanTrigger.BACKFILL, "Version " + event.key() + " added", null);
		this.queue.enqueue(plan, BASELINE, this.prompts.approvedIds(), List.of(event.modelId()), null, null);
	}

	/**
	 * After the edit committed (not inside it): the regrade runs in short batches of its
	 * own. A failure is logged, not thrown at the maintainer whose edit is stored;
	 * editing again regrades.
	 */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(GradingRuleChanged event) {
		try {
			this.regrader.regrade(event.promptId());
		}
		catch (RuntimeException ex) {
			log.error("Regrading prompt {} failed; its answers keep their previous grades until the next edit",
					event.promptId(), ex);
		}
	}

}
