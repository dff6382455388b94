package org.tokenyield;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The views a module publishes to other modules' SQL (migration V19, docs/architecture.md
 * "SQL across modules") cost nothing: PostgreSQL inlines a plain view, so a query through
 * the views plans exactly as the same query on the tables (same nodes, relations, indexes
 * and estimates; only the aliases the plan prints differ). Checked on the queue's claim,
 * its hottest query, on the figures' read of one config's runs and on the cost figure's
 * billed failures. A view the planner cannot inline (an aggregate, a DISTINCT, a window)
 * would change the plan and fail this.
 */
@IntegrationTest
class PublishedViewsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	JdbcClient jdbc;

	/** RunQueueRepository.lockDue with the names of catalog's and prompts' relations. */
	private static final String CLAIM = """
			select r.id, r.prompt_id, r.model_id, r.setting, r.sample, r.attempts,
			       ceil(octet_length(p.text) / 4.0) + 4096 as token_estimate,
			       coalesce(((octet_length(p.text) + 64) * pr.input_per_mtok + 4096 * pr.output_per_mtok) / 1000000, 0),
			       p.text, p.difficulty, p.grader
			  from runs r join %1$s m on m.id = r.model_id join %2$s p on p.id = r.prompt_id
			  left join lateral (select greatest(x.input_per_mtok, x.tier_input_per_mtok) as input_per_mtok,
			                            greatest(x.output_per_mtok, x.tier_output_per_mtok) as output_per_mtok from %3$s x
			                      where x.model_id = m.id and x.effective_from <= current_date
			                      order by x.effective_from desc limit 1) pr on true
			 where r.status = 'QUEUED' and r.next_attempt_at <= now() and m.provider = 'fake'
			 order by r.next_attempt_at, r.id limit 8
			   for update of r skip locked""";

	/**
	 * RunObservationQuery.observations with the names of runs' and prompts' relations.
	 */
	private static final String OBSERVATIONS = """
			select r.prompt_id, p.category, r.sample, r.output_tokens, r.score, r.extracted_answer, r.voting_key,
			       r.finished_at
			  from %1$s r join %2$s p on p.id = r.prompt_id
			 where r.model_id = 1 and r.setting = 'default' and r.status = 'SUCCEEDED'
			   and p.status = 'APPROVED' and (cast(:category as text) is null or p.category = :category)
			 order by r.prompt_id, r.sample, r.id""";

	/** CostQuery's billed failed runs (the partial index runs_failed_billed_idx). */
	private static final String BILLED_FAILURES = """
			select r.model_id, r.setting, r.prompt_id, sum(r.billed_cost_usd)::double precision, count(*)
			  from %1$s r join %2$s p on p.id = r.prompt_id
			 where r.status = 'FAILED' and r.billed_cost_usd > 0 and p.status = 'APPROVED'
			 group by r.model_id, r.setting, r.prompt_id""";

	@Test
	void theClaimPlansThroughTheViewsAsOnTheTables() {
		assertThat(plan(CLAIM.formatted("catalog_models", "prompt_facts", "catalog_prices")))
			.isEqualTo(plan(CLAIM.formatted("model_versions", "prompts", "model_prices")))
			.isNotEmpty();
	}

	@Test
	void theObservationsPlanThroughTheViewsAsOnTheTables() {
		assertThat(plan(OBSERVATIONS.formatted("run_results", "prompt_facts")))
			.isEqualTo(plan(OBSERVATIONS.formatted("runs", "prompts")))
			.isNotEmpty();
	}

	@Test
	void theBilledFailuresPlanThroughTheViewAsOnTheTable() {
		assertThat(plan(BILLED_FAILURES.formatted("run_results", "prompt_facts")))
			.isEqualTo(plan(BILLED_FAILURES.formatted("runs", "prompts")))
			.isNotEmpty();
	}

	/**
	 * The plan's nodes in order: type, relation, index, estimated rows and total cost.
	 */
	private List<String> plan(String sql) {
		String json = this.jdbc.sql("explain (format json) " + sql)
			.params(Map.of("category", "math"))
			.query(String.class)
			.single();
		List<String> nodes = new ArrayList<>();
		walk(JSON.readTree(json).get(0).get("Plan"), nodes);
		return nodes;
	}

	private static void walk(JsonNode node, List<String> nodes) {
		nodes.add(String.join(" ", text(node, "Node Type"), text(node, "Relation Name"), text(node, "Index Name"),
				text(node, "Plan Rows"), text(node, "Total Cost")));
		JsonNode children = node.get("Plans");
		if (children != null) {
			children.forEach(child -> walk(child, nodes));
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null ? "-" : value.asString();
	}

}
