package org.tokenyield.grading;

import java.util.Map;
import java.util.Random;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cost read from a pattern's syntax, counted by hand in RE2/J's instructions (two for
 * the program's start and match, one per character, two per capturing group, one per
 * choice point, two per star), and checked against what RE2/J compiles.
 */
class PatternCostTests {

	private static long steps(String pattern) {
		return PatternCost.of(pattern).steps();
	}

	private static Map<String, String> errors(String pattern) {
		try {
			GradingRules.parse(Map.of("type", "regex", "pattern", pattern));
			return Map.of();
		}
		catch (InvalidGradingRuleException ex) {
			return ex.fieldErrors();
		}
	}

	@Test
	void charactersAlternativesAndGroups() {
		assertThat(steps("a")).isEqualTo(3);
		assertThat(steps("abc")).isEqualTo(5);
		// 2 + 2 + one choice point; RE2 does as well here
		assertThat(steps("ab|cd")).isEqualTo(7);
		// RE2 merges a|b into a class (3): the estimate is higher, never lower
		assertThat(steps("a|b")).isEqualTo(5);
		assertThat(steps("(a)")).isEqualTo(5);
		assertThat(steps("(?:a)")).isEqualTo(3);
		assertThat(steps("(?i)abc")).isEqualTo(5);
		// an empty alternative is a no-op each; RE2 needs one for both (3)
		assertThat(steps("(?:|)")).isEqualTo(5);
		assertThat(steps("()")).isEqualTo(5);
	}

	@Test
	void repetitions() {
		// a star is two choice points (RE2 needs one unless x may match nothing)
		assertThat(steps("a*")).isEqualTo(5);
		assertThat(steps("a+?")).isEqualTo(4);
		assertThat(steps("a??")).isEqualTo(4);
		assertThat(steps("a{3}")).isEqualTo(5);
		// aa then a+
		assertThat(steps("a{3,}")).isEqualTo(6);
		// aaa then two optional ones
		assertThat(steps("a{3,5}")).isEqualTo(9);
		assertThat(steps("a{0}")).isEqualTo(3);
		// three copies of the group, captures included
		assertThat(steps("(a){3}")).isEqualTo(11);
		assertThat(steps("(?P<n>a){2}")).isEqualTo(8);
		assertThat(steps("(?<n>a){2}")).isEqualTo(8);
		// a flag group opens nothing: the star repeats x
		assertThat(steps("x(?i)*")).isEqualTo(5);
		// (80 + 2) * 80 + 2 + 2
		assertThat(steps("((a{80}){80})")).isEqualTo(6564);
	}

	@Test
	void countsMultiplyThroughNesting() {
		PatternCost probe = PatternCost.of("((a{1000}){1000}){1000}");
		// ((1000 + 2) * 1000 + 2) * 1000 + 2
		assertThat(probe.steps()).isEqualTo(1_002_002_002L);
		assertThat(probe.largestCount()).isEqualTo(1000);
		assertThat(probe.nesting()).isEqualTo(2);
		// six levels would overflow a long: the estimate stops far above every bound
		String deeper = "((((((a{1000}){1000}){1000}){1000}){1000}){1000})";
		assertThat(steps(deeper)).isGreaterThan(1_000_000_000_000L);
	}

	@Test
	void bracesThatAreNoCountAreCharacters() {
		// an escaped brace, a class, \Q...\E: all literal
		assertThat(PatternCost.of("\\{1000}").largestCount()).isZero();
		assertThat(steps("\\{1000}")).isEqualTo(8);
		PatternCost inClass = PatternCost.of("[a{1000}|b]");
		assertThat(inClass.steps()).isEqualTo(3);
		assertThat(inClass.largestCount()).isZero();
		assertThat(inClass.alternatives()).isZero();
		PatternCost quoted = PatternCost.of("\\Q(a{1000}|\\E");
		assertThat(quoted.steps()).isEqualTo(11);
		assertThat(quoted.largestCount()).isZero();
		assertThat(quoted.nesting()).isZero();
		assertThat(quoted.alternatives()).isZero();
		// RE2 reads no count with a leading zero, a space or no lower bound
		assertThat(steps("a{01}")).isEqualTo(7);
		assertThat(steps("a{,3}")).isEqualTo(7);
		assertThat(steps("a{ 3}")).isEqualTo(7);
		assertThat(PatternCost.of("a{01}").largestCount()).isZero();
	}

	@Test
	void escapesAndClassesAreOneItem() {
		assertThat(steps("\\x{41}{3}")).isEqualTo(5);
		assertThat(steps("\\x41{3}")).isEqualTo(5);
		assertThat(steps("\\012{3}")).isEqualTo(5);
		assertThat(steps("\\p{Greek}{3}")).isEqualTo(5);
		assertThat(steps("\\pL{3}")).isEqualTo(5);
		assertThat(steps("\\d{3}")).isEqualTo(5);
		assertThat(steps("[]a]{3}")).isEqualTo(5);
		assertThat(steps("[^]a]{3}")).isEqualTo(5);
		assertThat(steps("[[:alpha:]]{3}")).isEqualTo(5);
		assertThat(steps("[a\\]]{3}")).isEqualTo(5);
		assertThat(steps("\\Qab\\E{3}")).isEqualTo(6);
	}

	@Test
	void nestingAlternativesAndLargestCount() {
		assertThat(PatternCost.of("((((a))))").nesting()).isEqualTo(4);
		assertThat(PatternCost.of("(?i)(?s)a").nesting()).isZero();
		assertThat(PatternCost.of("(?:|)".repeat(80)).alternatives()).isEqualTo(80);
		assertThat(PatternCost.of("a{2,7}b{5}").largestCount()).isEqualTo(7);
		assertThat(PatternCost.of("a{1001}").largestCount()).isEqualTo(1001);
		assertThat(PatternCost.of("a{123456789012}").largestCount()).isGreaterThan(1000);
	}

	@Test
	void whatRE2RefusesStillGetsAnEstimate() {
		assertThat(steps("(a")).isEqualTo(5);
		assertThat(steps(")a")).isEqualTo(3);
		assertThat(steps("*a")).isEqualTo(3);
		assertThat(steps("[a")).isEqualTo(3);
		assertThat(steps("\\")).isEqualTo(3);
		assertThat(steps("")).isEqualTo(3);
	}

	@Test
	void eachLimitIsRefusedOnThePatternBeforeRE2ReadsIt() {
		assertThat(errors("a{1001}")).containsEntry("grader.pattern",
				"has a repetition count above 1000; each {n} or {n,m} may count to 1000");
		assertThat(errors("(".repeat(11) + "a" + ")".repeat(11))).containsEntry("grader.pattern",
				"nests groups 11 deep; at most 10 levels");
		assertThat(errors("(".repeat(10) + "a" + ")".repeat(10))).isEmpty();
		assertThat(errors("a" + "|a".repeat(101))).containsEntry("grader.pattern",
				"has 101 alternatives (|); at most 100");
		assertThat(errors("a" + "|b".repeat(100))).isEmpty();
		assertThat(errors("(a{100}){50}")).containsEntry("grader.pattern",
				"is too complex: its repetitions expand to about 5,102 steps, more than 5,000; "
						+ "use fewer or smaller {n} counts (nested counts multiply)");
		assertThat(errors("(a{100}){49}")).isEmpty();
	}

	/**
	 * Nested counted repetitions, depth 1 to 4, counts 2 to 1000: each is accepted with a
	 * compiled program within the bound, or refused on {@code grader.pattern} from its
	 * syntax (the estimate's message, which is given before anything is compiled).
	 */
	@Test
	void generatedNestedRepetitionsAreAcceptedWithinTheBoundOrRefusedBeforeCompiling() {
		Random random = new Random(19);
		int accepted = 0;
		int refused = 0;
		for (int n = 0; n < 400; n++) {
			int depth = 1 + random.nextInt(4);
			String pattern = random.nextBoolean() ? "a" : "[a-z]";
			for (int level = 0; level < depth; level++) {
				// 2 to 1000, small counts as likely as large ones
				int count = (int) Math.max(2, Math.round(Math.pow(1000, random.nextDouble())));
				String times = switch (random.nextInt(3)) {
					case 0 -> "{" + count + "}";
					case 1 -> "{" + count + ",}";
					default -> "{" + count + "," + Math.min(1000, count + random.nextInt(10)) + "}";
				};
				pattern = (random.nextBoolean() ? "(" : "(?:") + pattern + ")" + times;
			}
			PatternCost cost = PatternCost.of(pattern);
			Map<String, String> errors = errors(pattern);
			if (cost.steps() > RuleConstraints.MAX_PROGRAM || cost.largestCount() > RuleConstraints.MAX_COUNT) {
				assertThat(errors).as(pattern).containsOnlyKeys("grader.pattern");
				assertThat(errors.get("grader.pattern")).as(pattern)
					.satisfiesAnyOf(m -> assertThat(m).contains("expand to about"),
							m -> assertThat(m).contains("repetition count above"));
				refused++;
			}
			else {
				assertThat(errors).as(pattern).isEmpty();
				int program = Pattern.compile(pattern).programSize();
				assertThat(program).as(pattern).isLessThanOrEqualTo(RuleConstraints.MAX_PROGRAM);
				assertThat((long) program).as(pattern).isLessThanOrEqualTo(cost.steps());
				accepted++;
			}
		}
		assertThat(accepted).isGreaterThan(50);
		assertThat(refused).isGreaterThan(50);
	}

	/**
	 * Random patterns of every construct the scan reads: wherever RE2/J compiles one, its
	 * program is no larger than the estimate, so a pattern within the bound compiles
	 * within it.
	 */
	@Test
	void theEstimateIsNeverBelowWhatRE2Compiles() {
		String[] atoms = { "a", "xy", ".", "^", "$", "\\b", "\\d", "\\w+", "[a-z]", "[]x]", "[^]x]", "[[:digit:]]",
				"[a{3}|]", "\\{2}", "\\x{41}", "\\x41", "\\012", "\\pL", "\\p{Greek}", "\\Qa{2}|\\E", "(?i)", "(?s)",
				"a{01}", "a{,2}", "\\|", "(?:)", "(?:|a)", "(b|)" };
		String[] repeats = { "", "", "*", "+", "?", "*?", "{2}", "{3,}", "{2,5}", "{0}", "{0,3}", "{4}?" };
		Random random = new Random(1919);
		int compiled = 0;
		for (int n = 0; n < 3000; n++) {
			String pattern = randomPattern(random, atoms, repeats, 3);
			long estimate = PatternCost.of(pattern).steps();
			if (estimate > 100_000) {
				continue;
			}
			try {
				int program = Pattern.compile(pattern).programSize();
				assertThat((long) program).as(pattern).isLessThanOrEqualTo(estimate);
				compiled++;
			}
			catch (PatternSyntaxException ex) {
				// RE2 refuses it (a repeated repetition, say): nothing to compare
			}
		}
		assertThat(compiled).isGreaterThan(1000);
	}

	private static String randomPattern(Random random, String[] atoms, String[] repeats, int depth) {
		StringBuilder pattern = new StringBuilder();
		int items = 1 + random.nextInt(4);
		for (int i = 0; i < items; i++) {
			int kind = random.nextInt(depth > 0 ? 4 : 2);
			if (kind < 2) {
				pattern.append(atoms[random.nextInt(atoms.length)]);
			}
			else {
				String[] opens = { "(", "(?:", "(?i:", "(?P<g" + i + ">" };
				pattern.append(opens[random.nextInt(opens.length)])
					.append(randomPattern(random, atoms, repeats, depth - 1));
				if (kind == 3) {
					pattern.append('|').append(randomPattern(random, atoms, repeats, depth - 1));
				}
				pattern.append(')');
			}
			pattern.append(repeats[random.nextInt(repeats.length)]);
		}
		return pattern.toString();
	}

}
