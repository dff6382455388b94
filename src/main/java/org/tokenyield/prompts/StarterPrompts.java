package org.tokenyield.prompts;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the starter prompt set as approved on the first start, so the first page is
 * already full.
 */
@Component
@Order(10)
class StarterPrompts implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(StarterPrompts.class);

	private final PromptService prompts;

	private final JsonMapper json;

	private final boolean enabled;

	private final Resource file;

	@Autowired
	StarterPrompts(PromptService prompts, JsonMapper json, PromptProperties properties) {
		this(prompts, json, properties.starterPrompts(), new ClassPathResource("starter/prompts.json"));
	}

	StarterPrompts(PromptService prompts, JsonMapper json, boolean enabled, Resource file) {
		this.prompts = prompts;
		this.json = json;
		this.enabled = enabled;
		this.file = file;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		if (!this.enabled) {
			return;
		}
		if (!this.file.exists()) {
			return;
		}
		try (InputStream in = this.file.getInputStream()) {
			// the starter file is ours and written in snake_case-free plain keys
			List<StarterPrompt> starters = this.json.readValue(in, new TypeReference<List<StarterPrompt>>() {
			});
			int loaded = this.prompts.loadStarter(starters);
			if (loaded > 0) {
				log.info("Loaded {} starter prompts", loaded);
			}
		}
	}

}
