package org.tokenyield.prompts;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The starter prompt set shipped in {@code starter/prompts.json}: enough prompts in every
 * category, unique, each with a well-formed grading rule (API.md grader shapes).
 */
class StarterPromptsTests {

	private static final Set<String> CATEGORIES = Set.of("math", "code", "factual", "reasoning", "prose",
			"multilingual");

	private static final Set<String> DIFFICULTIES = Set.of("easy", "medium", "hard");

	private static final Pattern CJK = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]");

	private static final Pattern KEY = Pattern
		.compile("starter-(math|code|factual|reasoning|prose|multilingual)-\\d{3}");

	private static List<JsonNode> prompts;

	@BeforeAll
	static void load() throws IOException {
		try (InputStream in = StarterPromptsTests.class.getResourceAsStream("/starter/prompts.json")) {
			assertThat(in).as("starter/prompts.json on the classpath").isNotNull();
			JsonNode root = JsonMapper.shared().readTree(in);
			assertThat(root.isArray()).isTrue();
			prompts = new ArrayList<>();
			root.forEach(prompts::add);
		}
	}

	@Test
	void hasEnoughUniquePrompts() {
		assertThat(prompts).hasSizeGreaterThanOrEqualTo(60);
		assertThat(prompts.stream().map((p) -> text(p, "key")).toList()).doesNotHaveDuplicates()
			.allMatch((key) -> KEY.matcher(key).matches());
		assertThat(prompts.stream().map((p) -> text(p, "text")).toList()).doesNotHaveDuplicates();
		assertThat(prompts.stream().map((p) -> text(p, "title")).toList()).allMatch((title) -> !title.isBlank());
	}

	@Test
	void coversEveryCategoryAndDifficulty() {
		Map<String, Integer> perCategory = new HashMap<>();
		Set<String> difficulties = new HashSet<>();
		for (JsonNode prompt : prompts) {
			String category = text(prompt, "category");
			assertThat(CATEGORIES).as(text(prompt, "key")).contains(category);
			assertThat(text(prompt, "key")).startsWith("starter-" + category + "-");
			String difficulty = text(prompt, "difficulty");
			assertThat(DIFFICULTIES).as(text(prompt, "key")).contains(difficulty);
			difficulties.add(difficulty);
			perCategory.merge(category, 1, Integer::sum);
		}
		assertThat(perCategory.keySet()).isEqualTo(CATEGORIES);
		assertThat(perCategory.values()).allMatch((n) -> n >= 8);
		assertThat(difficulties).isEqualTo(DIFFICULTIES);
	}

	@Test
	void includesCjkPrompts() {
		long cjk = prompts.stream().filter((p) -> CJK.matcher(text(p, "text")).find()).count();
		assertThat(cjk).isGreaterThanOrEqualTo(3);
		for (String script : List.of("\\p{IsHiragana}", "\\p{IsHangul}", "[我们的是个请]")) {
			assertThat(prompts).as(script).anyMatch((p) -> Pattern.compile(script).matcher(text(p, "text")).find());
		}
	}

	@Test
	void everyPromptAsksForAnAnswerLine() {
		for (JsonNode prompt : prompts) {
			String[] lines = text(prompt, "text").split("\n");
			assertThat(lines[lines.length - 1]).as(text(prompt, "key")).contains("Answer:");
		}
	}

	@Test
	void everyGraderIsWellFormed() {
		for (JsonNode prompt : prompts) {
			String key = text(prompt, "key");
			JsonNode grader = prompt.get("grader");
			assertThat(grader).as(key).isNotNull();
			String type = text(grader, "type");
			switch (type) {
				case "exact" -> assertThat(text(grader, "expected")).as(key).isNotBlank();
				case "numeric" -> {
					String expected = text(grader, "expected");
					assertThat(expected).as(key).matches("-?\\d[\\d,]*(\\.\\d+)?|-?\\d+/\\d+");
					if (grader.has("tolerance")) {
						assertThat(grader.get("tolerance").isNumber()).as(key).isTrue();
						assertThat(grader.get("tolerance").asDouble()).as(key).isNotNegative();
					}
				}
				case "choice" -> {
					String expected = text(grader, "expected");
					JsonNode options = grader.get("options");
					assertThat(options.isArray()).as(key).isTrue();
					assertThat(options.size()).as(key).isBetween(2, 10);
					assertThat(expected).as(key).matches("[A-J]");
					assertThat(expected.charAt(0) - 'A').as(key).isLessThan(options.size());
					String text = text(prompt, "text");
					for (int i = 0; i < options.size(); i++) {
						assertThat(text).as(key).contains((char) ('A' + i) + ") " + options.get(i).asString());
					}
				}
				case "regex" -> {
					String pattern = text(grader, "pattern");
					assertThatCode(() -> Pattern.compile(pattern)).as(key).doesNotThrowAnyException();
				}
				case "contains" -> {
					JsonNode words = grader.has("all") ? grader.get("all") : grader.get("any");
					assertThat(words).as(key + " needs all or any").isNotNull();
					assertThat(words.isArray() && !words.isEmpty()).as(key).isTrue();
					words.forEach((word) -> assertThat(word.asString()).as(key).isNotBlank());
				}
				default -> throw new AssertionError(key + ": unknown grader type " + type);
			}
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		assertThat(value).as(field).isNotNull();
		assertThat(value.isString()).as(field + " is a string").isTrue();
		return value.asString();
	}

	/**
	 * Every rule passes the grading package's checks, and its reference answer grades as
	 * right.
	 */
	@Test
	void everyGradingRuleParsesAndItsReferenceAnswerIsGradedRight() {
		for (JsonNode p : prompts) {
			Map<String, Object> grader = JsonMapper.shared().convertValue(p.get("grader"), Map.class);
			org.tokenyield.grading.GradingRule rule = org.tokenyield.grading.GradingRules.parse(grader);
			org.tokenyield.grading.Grading.canonicalAnswer(rule).ifPresent(answer -> {
				var grade = org.tokenyield.grading.Grading.grade(rule, "Some working.\nAnswer: " + answer);
				assertThat(grade.score()).as(text(p, "key") + " answered " + answer).isEqualTo(1.0);
			});
		}
	}

}
