package org.tokenyield.system;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SettingTests {

	@Test
	void readsTheFourForms() {
		assertThat(Setting.parse("default")).isEqualTo(Setting.DEFAULT);
		assertThat(Setting.parse("off").kind()).isEqualTo(Setting.Kind.OFF);
		assertThat(Setting.parse("thinking:2048")).isEqualTo(new Setting(Setting.Kind.THINKING, 2048, null));
		assertThat(Setting.parse("effort:high")).isEqualTo(new Setting(Setting.Kind.EFFORT, 0, "high"));
		assertThat(Setting.parse("effort:high")).hasToString("effort:high");
		assertThat(Setting.parse("thinking:2048")).hasToString("thinking:2048");
	}

	@Test
	void refusesBadInputWithAReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> Setting.parse(null)).withMessage("setting is required");
		assertThatIllegalArgumentException().isThrownBy(() -> Setting.parse("turbo"))
			.withMessageContaining("unknown setting 'turbo'")
			.withMessageContaining("thinking:N");
		assertThatIllegalArgumentException().isThrownBy(() -> Setting.parse("thinking:lots"));
		assertThatIllegalArgumentException().isThrownBy(() -> Setting.parse("thinking:12345678"));
		assertThatIllegalArgumentException().isThrownBy(() -> Setting.parse("thinking:0"))
			.withMessageContaining("use 'off'");
		assertThatIllegalArgumentException().isThrownBy(() -> Setting.parse("effort:"));
		assertThatIllegalArgumentException().isThrownBy(() -> Setting.parse("effort:High"));
		assertThatIllegalArgumentException().isThrownBy(() -> Setting.parse(" default"));
		assertThatIllegalArgumentException().isThrownBy(() -> Setting.parse("x".repeat(500)))
			.withMessageContaining("…");
		assertThat(Setting.valid("effort:medium")).isTrue();
		assertThat(Setting.valid("all")).isFalse();
		assertThat(Setting.valid(null)).isFalse();
	}

	@Test
	void thinkingBudgetsAndEffortGetRoomOnTopOfTheAnswerCap() {
		assertThat(Setting.parse("default").outputCap(4096)).isEqualTo(4096);
		assertThat(Setting.parse("off").outputCap(4096)).isEqualTo(4096);
		assertThat(Setting.parse("thinking:16384").outputCap(4096)).isEqualTo(20480);
		assertThat(Setting.parse("effort:high").outputCap(4096)).isEqualTo(4096 + 32_768);
		assertThat(Setting.EFFORT_ALLOWANCE).isEqualTo(32_768);
	}

	@Test
	void theSqlFormIsBuiltFromTheSameConstants() {
		String sql = Setting.outputCapSql("r.setting", ":max_output");
		assertThat(sql).startsWith("(cast(:max_output as bigint) + ")
			.contains("cast(substring(r.setting from 10) as bigint)")
			.contains("then " + Setting.EFFORT_ALLOWANCE + " else 0 end)");
	}

	@Test
	void aSweepIsOrderedOffDefaultBudgetsThenEffortLevels() {
		java.util.List<String> shuffled = java.util.List.of("effort:high", "thinking:4096", "effort:turbo", "default",
				"effort:low", "thinking:1024", "off", "effort:minimal", "thinking:16384");
		assertThat(shuffled.stream().map(Setting::parse).sorted(Setting.SWEEP_ORDER).map(Setting::toString))
			.containsExactly("off", "default", "thinking:1024", "thinking:4096", "thinking:16384", "effort:minimal",
					"effort:low", "effort:high", "effort:turbo");
	}

	@Test
	void onlyRankableSettingsAskForMoreThinking() {
		assertThat(Setting.parse("thinking:4096").asksMoreThinkingThan(Setting.parse("thinking:1024"))).isTrue();
		assertThat(Setting.parse("thinking:1024").asksMoreThinkingThan(Setting.parse("thinking:4096"))).isFalse();
		assertThat(Setting.parse("thinking:1024").asksMoreThinkingThan(Setting.parse("thinking:1024"))).isFalse();
		assertThat(Setting.parse("effort:high").asksMoreThinkingThan(Setting.parse("effort:medium"))).isTrue();
		assertThat(Setting.parse("effort:low").asksMoreThinkingThan(Setting.parse("effort:medium"))).isFalse();
		assertThat(Setting.parse("thinking:1024").asksMoreThinkingThan(Setting.OFF)).isTrue();
		assertThat(Setting.parse("effort:low").asksMoreThinkingThan(Setting.OFF)).isTrue();
		assertThat(Setting.parse("effort:none").asksMoreThinkingThan(Setting.OFF)).isFalse();
		// default is whatever the provider does: no rank against it, either way
		assertThat(Setting.parse("thinking:1024").asksMoreThinkingThan(Setting.DEFAULT)).isFalse();
		assertThat(Setting.DEFAULT.asksMoreThinkingThan(Setting.OFF)).isFalse();
		// a budget and an effort level are different scales; an unknown level has no rank
		assertThat(Setting.parse("effort:high").asksMoreThinkingThan(Setting.parse("thinking:1024"))).isFalse();
		assertThat(Setting.parse("effort:turbo").asksMoreThinkingThan(Setting.parse("effort:low"))).isFalse();
	}

	@Test
	void theSchemaChecksTheSameForm() throws Exception {
		String schema = Files.readString(Path.of("db/migration/V1__schema.sql"));
		assertThat(schema).contains("check (setting ~ '^(" + Setting.FORM + ")$')");
	}

}
