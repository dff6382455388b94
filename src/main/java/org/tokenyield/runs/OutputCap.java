package org.tokenyield.runs;

/**
 * How many output tokens a run may bill: the answer's cap plus room for thinking, so a thinking
 * budget is never cut short by the answer's cap (a truncated run would score 0 for a reason
 * that has nothing to do with the model). {@link RunQueue}'s worst-case spend uses the same rule.
 */
final class OutputCap {

	/** Room for thinking under {@code effort:LEVEL}, whose budget the provider chooses. */
	static final int EFFORT_ALLOWANCE = 32_768;

	private OutputCap() {
	}

	static int forSetting(String setting, int answerCap) {
		if (setting.startsWith("thinking:")) {
			return answerCap + Integer.parseInt(setting.substring("thinking:".length()));
		}
		if (setting.startsWith("effort:")) {
			return answerCap + EFFORT_ALLOWANCE;
		}
		return answerCap;
	}

	/** The same rule in SQL, over {@code r.setting} and the parameter {@code :max_output}. */
	static final String SQL = """
			(cast(:max_output as bigint) + case when r.setting like 'thinking:%'
			      then cast(substring(r.setting from 10) as bigint)
			      when r.setting like 'effort:%' then\s""" + EFFORT_ALLOWANCE + " else 0 end)";

}
