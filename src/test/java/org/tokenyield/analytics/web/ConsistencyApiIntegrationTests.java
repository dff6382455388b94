package org.tokenyield.analytics.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code pass_all_k} (pass^k) through {@code GET /api/v1/parallel}, hand-computed: prompt
 * 1 answered 42, 42, 7 (two of three right), prompt 2 right three times. <pre>
 *  k   pass^k                          pass@k   majority@k
 *  1   (2/3 + 1) / 2           = 5/6   5/6      1
 *  2   (C(2,2)/C(3,2) + 1) / 2 = 2/3   1        1
 *  3   (0 + 1) / 2             = 1/2   1        1
 * </pre>
 */
@IntegrationTest
class ConsistencyApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	@Test
	void passAllKIsHandComputed() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String key = "external/consistency-" + tag;
		long model = this.jdbc.sql("""
				insert into model_versions (model_key, family, provider, api_model, settings, samples)
				values (?, 'consistency', 'external', ?, array['default'], 3) returning id""")
			.params(key, "consistency-" + tag)
			.query(Long.class)
			.single();
		String[][] answers = { { "42", "42", "7" }, { "42", "42", "42" } };
		for (int p = 0; p < answers.length; p++) {
			long prompt = this.jdbc.sql("""
					insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
					values (?, ?, ?, 'math', '{"type":"exact","expected":"42"}', 'APPROVED', now(), 'test')
					returning id""")
				.params("c" + p, "consistency prompt " + p + " " + tag, UUID.randomUUID().toString().replace("-", ""))
				.query(Long.class)
				.single();
			for (int s = 0; s < 3; s++) {
				boolean right = answers[p][s].equals("42");
				this.jdbc.sql("""
						insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset,
						                  input_tokens, output_tokens, extracted_answer, score, finished_at)
						values (?, ?, ?, 'default', ?, 'SUCCEEDED', 'consistency', 10, 100, ?, ?, now())""")
					.params("consistency-" + tag + "-" + p + "-" + s, prompt, model, s, answers[p][s],
							right ? 1.0 : 0.0)
					.update();
			}
		}
		this.stamper.refreshNow(true);

		JsonNode points = new Http(this.port)
			.get("/api/v1/parallel?model=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&dataset=consistency")
			.json()
			.get("points");
		assertThat(points).hasSize(3);
		double[] passAll = { 5.0 / 6, 2.0 / 3, 0.5 };
		double[] passAt = { 5.0 / 6, 1, 1 };
		for (int k = 1; k <= 3; k++) {
			JsonNode point = points.get(k - 1);
			assertThat(point.get("k").asInt()).isEqualTo(k);
			assertThat(point.get("pass_all_k").asDouble()).isCloseTo(passAll[k - 1], within(1e-12));
			assertThat(point.get("pass_at_k").asDouble()).isCloseTo(passAt[k - 1], within(1e-12));
			assertThat(point.get("majority_at_k").asDouble()).isEqualTo(1.0);
		}
	}

}
