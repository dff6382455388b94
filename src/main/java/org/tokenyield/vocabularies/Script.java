package org.tokenyield.vocabularies;

import java.lang.Character.UnicodeScript;

/**
 * The writing a prompt is mostly in, which is what decides how a vocabulary splits it. A
 * prompt of category {@code code} is code whatever its comments are written in; otherwise
 * the letters decide: CJK when at least 30 % of them are Han, Hiragana, Katakana or
 * Hangul (CJK text carries many Latin digits and names, so a majority rule would miss
 * it), Latin when at least half are Latin, other otherwise. Digits, spaces and
 * punctuation do not count as letters.
 */
public enum Script {

	LATIN, CJK, CODE, OTHER;

	static final double CJK_SHARE = 0.30;

	static final double LATIN_SHARE = 0.50;

	public String apiName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	static Script of(String category, String text) {
		if ("code".equals(category)) {
			return CODE;
		}
		long letters = 0;
		long cjk = 0;
		long latin = 0;
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			i += Character.charCount(cp);
			if (!Character.isLetter(cp)) {
				continue;
			}
			letters++;
			UnicodeScript script = UnicodeScript.of(cp);
			if (script == UnicodeScript.HAN || script == UnicodeScript.HIRAGANA || script == UnicodeScript.KATAKANA
					|| script == UnicodeScript.HANGUL) {
				cjk++;
			}
			else if (script == UnicodeScript.LATIN) {
				latin++;
			}
		}
		if (letters == 0) {
			return OTHER;
		}
		if (cjk >= CJK_SHARE * letters) {
			return CJK;
		}
		return (latin >= LATIN_SHARE * letters) ? LATIN : OTHER;
	}

}
