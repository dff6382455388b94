package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tokenyield.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A patched summary read looks up each changed (config, prompt) group by its prompt,
 * model and setting (ConfigMeansQuery, docs/live-figures.md "Reading only what changed"),
 * and so does its read of the groups' latency buckets. The first import of a new
 * leaderboard meets summary tables PostgreSQL has not analysed yet: with no statistics,
 * an index led by (model, setting) looked as cheap as one led by the prompt, and a stale
 * cached tree height made the planner take it, so each lookup walked every row of its
 * config (one read of 10,000 groups took 33 s at 360,000 rows, migration V36). Which of
 * two such indexes wins depends on a connection's history, so this checks what the
 * planner can choose from: every index the lookup's three equalities fit is led by the
 * prompt, and the lookup takes one of them even with the statistics dropped (inside a
 * transaction that is rolled back).
 */
@IntegrationTest
class ChangedGroupLookupTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@ParameterizedTest
	@ValueSource(strings = { "config_prompt_stats", "config_latency_stats" })
	void everyIndexAGroupLookupCanTakeIsLedByThePrompt(String table) {
		List<String> leading = this.jdbc.sql("""
				select a.attname from pg_index i
				  join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
				 where i.indrelid = cast(:table as regclass)
				   and (select count(*) from pg_attribute c
				         where c.attrelid = i.indrelid and c.attnum = any(i.indkey)
				           and c.attname in ('prompt_id', 'model_id', 'setting')) = 3""")
			.param("table", table)
			.query(String.class)
			.list();
		assertThat(leading).as("the leading column of each index over prompt, model and setting")
			.containsExactly("prompt_id");
		assertThat(lookupIndexes(table)).as("the indexes the lookup scans with no statistics").hasSize(1);
	}

	/** The indexes of {@code table} that a patched read's lookup of two groups scans. */
	private List<String> lookupIndexes(String table) {
		return this.transactions.execute(status -> {
			status.setRollbackOnly();
			this.jdbc.sql("delete from pg_statistic where starelid = cast(:table as regclass)")
				.param("table", table)
				.update();
			String plan = this.jdbc.sql("""
					explain (format json)
					select s.* from unnest(cast(:models as bigint[]), cast(:settings as text[]),
					                       cast(:prompts as bigint[])) as k(model_id, setting, prompt_id)
					cross join lateral (select * from %s x
					                     where x.prompt_id = k.prompt_id and x.model_id = k.model_id
					                       and x.setting = k.setting offset 0) s""".formatted(table))
				.param("models", new Long[] { 1L, 2L })
				.param("settings", new String[] { "default", "thinking:1024" })
				.param("prompts", new Long[] { 10L, 20L })
				.query(String.class)
				.single();
			List<String> indexes = new ArrayList<>();
			indexesOn(JSON.readTree(plan).get(0).get("Plan"), table, indexes);
			return indexes;
		});
	}

	/** The indexes of {@code table} the plan scans. */
	private static void indexesOn(JsonNode node, String table, List<String> indexes) {
		JsonNode relation = node.get("Relation Name");
		JsonNode index = node.get("Index Name");
		if (relation != null && index != null && relation.asString().equals(table)) {
			indexes.add(index.asString());
		}
		JsonNode children = node.get("Plans");
		if (children != null) {
			children.forEach(child -> indexesOn(child, table, indexes));
		}
	}

}
