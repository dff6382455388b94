package org.tokenyield.analytics.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hand-computable world seeded as a client would: versions added through
 * {@code POST /api/v1/models} (admin) with their list prices, runs through
 * {@code POST /api/v1/imports} (maintainer), in a dataset of the test's own.
 */
final class ImportedWorld {

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	final String dataset = "world-" + this.tag;

	private final Http anonymous;

	private final Http admin;

	private final Http maintainer;

	private final List<String> lines = new ArrayList<>();

	ImportedWorld(int port) {
		this.anonymous = new Http(port);
		this.admin = Accounts.admin(this.anonymous);
		this.maintainer = Accounts.maintainer(this.anonymous, Accounts.uniqueName("world"));
	}

	/**
	 * Adds a version {@code external/NAME-TAG} with these settings and prices (USD per
	 * MTok); returns its key.
	 */
	String model(String name, String predecessor, double inputPerMtok, double outputPerMtok, String... settings) {
		String key = "external/" + name + "-" + this.tag;
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("key", key);
		body.put("family", "world-" + this.tag);
		body.put("provider", "external");
		body.put("settings", List.of(settings));
		body.put("prices", Map.of("input_per_mtok", inputPerMtok, "cached_input_per_mtok", inputPerMtok,
				"output_per_mtok", outputPerMtok));
		if (predecessor != null) {
			body.put("predecessor", predecessor);
		}
		Http.Response added = this.admin.post("/api/v1/models", Http.toJson(body));
		assertThat(added.status()).as(added.toString()).isEqualTo(201);
		return key;
	}

	/** One imported run of prompt {@code p} (a key of this world). */
	ImportedWorld run(String model, String setting, String prompt, int sample, long input, long output, Long reasoning,
			double score, double costUsd) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("prompt_key", prompt + "-" + this.tag);
		line.put("prompt_text", "World question " + prompt + " " + this.tag);
		line.put("category", "math");
		line.put("model", model);
		line.put("setting", setting);
		line.put("sample", sample);
		line.put("input_tokens", input);
		line.put("output_tokens", output);
		if (reasoning != null) {
			line.put("reasoning_tokens", reasoning);
		}
		line.put("score", score);
		line.put("cost_usd", costUsd);
		this.lines.add(Http.toJson(line));
		return this;
	}

	/** Imports the runs added so far; every line must be accepted. */
	void importRuns() {
		Http.Response response = this.maintainer.post("/api/v1/imports?dataset=" + this.dataset, "application/x-ndjson",
				String.join("\n", this.lines));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("rejected_count").asInt()).as(response.toString()).isZero();
		this.lines.clear();
	}

	Http.Response get(String path) {
		return this.anonymous.get(path);
	}

}
