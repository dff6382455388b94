package org.tokenyield.analytics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds a small, hand-computable world for the figure tests, with keys unique to the
 * test so tests sharing the database do not see each other's versions or prompts.
 * <p>
 * 12 approved prompts (0..5 math, 6..11 code). Version A (settings default,
 * thinking:1024), 3 samples per prompt and setting: at default g = 100, 110, 120 and
 * correct on prompts 0..5; at thinking:1024 g = 200, 220, 240 and correct on prompts
 * 0..8. Samples 0 and 1 finish in ISO week 2026-W02, sample 2 in 2026-W03. Version B
 * (default only, the predecessor of A), 3 samples, g = 100 each, correct on prompts 0..3:
 * from A's side, prompts 0..3 are easy and 4..11 hard.
 */
public final class FigureFixture {

	public final String tag = UUID.randomUUID().toString().substring(0, 8);

	public final String a = "external/fig-a-" + this.tag;

	public final String b = "external/fig-b-" + this.tag;

	public final List<Long> prompts = new ArrayList<>();

	public long aId;

	public long bId;

	static final Instant WEEK_2 = Instant.parse("2026-01-06T10:00:00Z");

	static final Instant WEEK_3 = Instant.parse("2026-01-13T10:00:00Z");

	public FigureFixture create(JdbcClient jdbc) {
		this.bId = model(jdbc, this.b, null, "{default}");
		this.aId = model(jdbc, this.a, this.bId, "{default,thinking:1024}");
		for (int i = 0; i < 12; i++) {
			String text = "figure test prompt " + i + " " + this.tag;
			long id = jdbc.sql("""
					insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
					values (?, ?, ?, ?, '{"type":"exact","expected":"42"}', 'APPROVED', now(), 'test')
					returning id""")
				.params("p" + i, text, UUID.randomUUID().toString().replace("-", ""), i < 6 ? "math" : "code")
				.query(Long.class)
				.single();
			this.prompts.add(id);
			for (int s = 0; s < 3; s++) {
				Instant at = s < 2 ? WEEK_2 : WEEK_3;
				run(jdbc, this.aId, "default", id, s, 100 + 10 * s, i < 6, at);
				run(jdbc, this.aId, "thinking:1024", id, s, 200 + 20 * s, i < 9, at);
				run(jdbc, this.bId, "default", id, s, 100, i < 4, at);
			}
		}
		return this;
	}

	private static long model(JdbcClient jdbc, String key, Long predecessor, String settings) {
		return jdbc.sql("""
				insert into model_versions (model_key, family, predecessor_id, provider, api_model, settings, samples)
				values (?, ?, ?, 'external', ?, cast(? as text[]), 3) returning id""")
			.params(key, "fig", predecessor, key.substring(key.indexOf('/') + 1), settings)
			.query(Long.class)
			.single();
	}

	private void run(JdbcClient jdbc, long model, String setting, long prompt, int sample, long output, boolean correct,
			Instant at) {
		jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, input_tokens,
				                  output_tokens, reasoning_tokens, cost_usd, extracted_answer, score, finished_at)
				values (?, ?, ?, ?, ?, 'SUCCEEDED', 'figtest', 50, ?, ?, 0.001, ?, ?, ?)""")
			.params("fig-" + this.tag + "-" + model + "-" + setting + "-" + prompt + "-" + sample, prompt, model,
					setting, sample, output, output / 2, correct ? "42" : "7", correct ? 1.0 : 0.0, Timestamp.from(at))
			.update();
	}

}
