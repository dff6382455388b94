package org.tokenyield.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slice of the shipped starter set (the first prompts of each category, the Japanese,
 * Chinese and Korean ones included), submitted and approved through the API as on a live
 * instance, so the offline versions (tokenizers, simulators) queue their runs. Once per
 * JVM: the tests share one database.
 */
final class StarterWorld {

	static final List<String> KEYS = List.of("starter-math-001", "starter-math-002", "starter-math-003",
			"starter-code-001", "starter-code-002", "starter-factual-001", "starter-factual-002",
			"starter-reasoning-001", "starter-reasoning-002", "starter-prose-001", "starter-multilingual-001",
			"starter-multilingual-005", "starter-multilingual-008");

	private static final List<Long> approved = new ArrayList<>();

	private StarterWorld() {
	}

	/** Submits and approves the slice the first time; returns the approved prompt ids. */
	static synchronized List<Long> approve(int port) {
		if (!approved.isEmpty()) {
			return approved;
		}
		Http http = new Http(port);
		Http member = Accounts.member(http, Accounts.uniqueName("starter"));
		Http maintainer = Accounts.maintainer(http, Accounts.uniqueName("starter-mod"));
		for (JsonNode prompt : starters()) {
			if (!KEYS.contains(prompt.get("key").asString())) {
				continue;
			}
			var submitted = member.post("/api/v1/prompts",
					Http.toJson(Map.of("title", prompt.get("title").asString(), "text", prompt.get("text").asString(),
							"category", prompt.get("category").asString(), "grader",
							JsonMapper.shared().convertValue(prompt.get("grader"), Map.class))));
			assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
			long id = submitted.json().get("id").asLong();
			var ok = maintainer.post("/api/v1/prompts/" + id + "/approve", "");
			assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
			approved.add(id);
		}
		assertThat(approved).hasSize(KEYS.size());
		return approved;
	}

	static Duration runBudget() {
		return Duration.ofSeconds(90);
	}

	private static List<JsonNode> starters() {
		try (InputStream in = StarterWorld.class.getResourceAsStream("/starter/prompts.json")) {
			List<JsonNode> all = new ArrayList<>();
			JsonMapper.shared().readTree(in).forEach(all::add);
			return all;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
