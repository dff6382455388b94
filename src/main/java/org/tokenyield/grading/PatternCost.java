package org.tokenyield.grading;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a pattern would cost RE2 to compile, read from its syntax alone. RE2 expands
 * counted repetitions while it compiles ({@code (a{1000}){1000}} becomes a million
 * instructions before its program size can be asked), so {@link RuleConstraints} reads
 * this first and compiles only a pattern whose estimate is within bounds.
 * <p>
 * The scan follows RE2's grammar where it decides what repeats what: escapes (an escaped
 * brace, {@code \x{41}}, {@code \p{Greek}}, octal), {@code \Q...\E}, character classes
 * (where braces and bars are literal, a closing bracket first is literal, and
 * {@code [:alpha:]} is one name), flag groups that open no group ({@code (?i)}), and a
 * brace that starts no well-formed count, which RE2 reads as a literal. The estimate
 * counts RE2/J's instructions: one per character, class, dot or anchor; one per
 * {@code *}, {@code +}, {@code ?} and per alternative after the first; two per capturing
 * group; {@code x{n}} is n copies of x, {@code x{n,}} n copies and a loop, {@code x{n,m}}
 * m copies and m - n optional ones; and two for the program's start and match. Where RE2
 * does better (it merges single-letter alternatives into a class) the estimate is higher,
 * never lower. One pass, linear in the pattern's length.
 *
 * @param steps the estimated size of the compiled program (saturates far above any bound)
 * @param largestCount the largest count of a {@code {n}} or {@code {n,m}}
 * @param nesting how deep groups nest (0 for a pattern without groups)
 * @param alternatives how many bars ({@code |}) the pattern has outside classes and
 * escapes
 */
record PatternCost(long steps, long largestCount, int nesting, int alternatives) {

	/** Far above every bound, far below overflow: sums and products stop here. */
	private static final long SATURATED = 1L << 40;

	/** The upper count of {@code *}, {@code +} and {@code {n,}}. */
	private static final long UNBOUNDED = -1;

	/** A count with more digits reads as larger than RE2 allows, whatever its value. */
	private static final int MAX_DIGITS = 8;

	/** Reads the cost of a pattern; never fails, whatever the pattern. */
	static PatternCost of(String pattern) {
		return new Scan(pattern).run();
	}

	/** One group (the whole pattern is the outermost): its sizes so far. */
	private static final class Group {

		final boolean capturing;

		/** The alternatives already closed, with the choice points between them. */
		long closed;

		/** The current alternative, without its last item. */
		long concat;

		/** The last item, which a repetition applies to; 0 when there is none. */
		long last;

		int alternatives = 1;

		Group(boolean capturing) {
			this.capturing = capturing;
		}

		void item(long size) {
			this.concat = add(this.concat, this.last);
			this.last = size;
		}

		/** An empty alternative is one instruction (RE2's no-op). */
		void alternative() {
			this.closed = add(this.closed, Math.max(1, add(this.concat, this.last)));
			this.concat = 0;
			this.last = 0;
			this.alternatives++;
		}

		long size() {
			long body = add(add(this.closed, Math.max(1, add(this.concat, this.last))), this.alternatives - 1);
			return add(body, this.capturing ? 2 : 0);
		}

	}

	private static final class Scan {

		private final String pattern;

		private final Deque<Group> groups = new ArrayDeque<>();

		private int at;

		private long largestCount;

		private int nesting;

		private int alternatives;

		Scan(String pattern) {
			this.pattern = (pattern != null) ? pattern : "";
		}

		PatternCost run() {
			this.groups.push(new Group(false));
			while (this.at < this.pattern.length()) {
				char c = this.pattern.charAt(this.at);
				switch (c) {
					case '\\' -> escape();
					case '[' -> {
						characterClass();
						group().item(1);
					}
					case '(' -> open();
					case ')' -> {
						this.at++;
						close();
					}
					case '|' -> {
						this.at++;
						this.alternatives++;
						group().alternative();
					}
					case '*', '+', '?' -> {
						this.at++;
						repeat(c == '+' ? 1 : 0, c == '?' ? 1 : UNBOUNDED);
					}
					case '{' -> count();
					default -> {
						this.at += Character.charCount(this.pattern.codePointAt(this.at));
						group().item(1);
					}
				}
			}
			while (this.groups.size() > 1) { // RE2 refuses a missing ")"; estimate anyway
				close();
			}
			return new PatternCost(add(group().size(), 2), this.largestCount, this.nesting, this.alternatives);
		}

		private Group group() {
			return this.groups.peek();
		}

		/**
		 * A parenthesis opens a group, unless it only sets flags: {@code (?i)} opens
		 * none, {@code (?i:} a non-capturing one, {@code (?P<name>} and {@code (?<name>}
		 * a capturing one. Anything else RE2 refuses; it counts as a group here.
		 */
		private void open() {
			this.at++;
			boolean capturing = true;
			if (this.at < this.pattern.length() && this.pattern.charAt(this.at) == '?') {
				int j = this.at + 1;
				if (this.pattern.startsWith("P<", j) || this.pattern.startsWith("<", j)) {
					int end = this.pattern.indexOf('>', j);
					this.at = (end < 0) ? this.pattern.length() : end + 1;
				}
				else {
					while (j < this.pattern.length()
							&& (Character.isLetter(this.pattern.charAt(j)) || this.pattern.charAt(j) == '-')) {
						j++;
					}
					if (j < this.pattern.length() && this.pattern.charAt(j) == ')') {
						this.at = j + 1;
						return;
					}
					capturing = false;
					this.at = (j < this.pattern.length() && this.pattern.charAt(j) == ':') ? j + 1 : this.at + 1;
				}
			}
			this.groups.push(new Group(capturing));
			this.nesting = Math.max(this.nesting, this.groups.size() - 1);
		}

		private void close() {
			if (this.groups.size() > 1) { // RE2 refuses an unmatched ")"
				long size = this.groups.pop().size();
				group().item(size);
			}
		}

		/** {@code \Q...\E} is literal text; any other escape is one item. */
		private void escape() {
			if (this.pattern.startsWith("\\Q", this.at)) {
				int end = this.pattern.indexOf("\\E", this.at + 2);
				int stop = (end < 0) ? this.pattern.length() : end;
				for (int j = this.at + 2; j < stop; j += Character.charCount(this.pattern.codePointAt(j))) {
					group().item(1);
				}
				this.at = (end < 0) ? stop : end + 2;
				return;
			}
			this.at = afterEscape(this.at);
			group().item(1);
		}

		/**
		 * Where an escape starting at {@code from} ends: {@code \x{...}},
		 * {@code \p{...}}, {@code \pL}, {@code \x41}, octal {@code \012}, or one
		 * character.
		 */
		private int afterEscape(int from) {
			int j = from + 1;
			if (j >= this.pattern.length()) {
				return j;
			}
			char c = this.pattern.charAt(j);
			if ((c == 'x' || c == 'p' || c == 'P') && j + 1 < this.pattern.length()
					&& this.pattern.charAt(j + 1) == '{') {
				int end = this.pattern.indexOf('}', j + 2);
				return (end < 0) ? this.pattern.length() : end + 1;
			}
			if (c == 'x') {
				int k = j + 1;
				while (k < j + 3 && k < this.pattern.length() && Character.digit(this.pattern.charAt(k), 16) >= 0) {
					k++;
				}
				return k;
			}
			if (c >= '0' && c <= '7') {
				int k = j + 1;
				while (k < j + 3 && k < this.pattern.length() && this.pattern.charAt(k) >= '0'
						&& this.pattern.charAt(k) <= '7') {
					k++;
				}
				return k;
			}
			if (c == 'p' || c == 'P') {
				return Math.min(this.pattern.length(), j + 2);
			}
			return j + Character.charCount(this.pattern.codePointAt(j));
		}

		/**
		 * Skips a class: a closing bracket right after the opening one (or its caret) is
		 * literal, escapes and {@code [:name:]} are read whole.
		 */
		private void characterClass() {
			int j = this.at + 1;
			if (j < this.pattern.length() && this.pattern.charAt(j) == '^') {
				j++;
			}
			boolean first = true;
			while (j < this.pattern.length() && (first || this.pattern.charAt(j) != ']')) {
				first = false;
				if (this.pattern.startsWith("[:", j) && this.pattern.indexOf(":]", j + 2) >= 0) {
					j = this.pattern.indexOf(":]", j + 2) + 2;
				}
				else if (this.pattern.charAt(j) == '\\') {
					j = afterEscape(j);
				}
				else {
					j += Character.charCount(this.pattern.codePointAt(j));
				}
			}
			this.at = Math.min(this.pattern.length(), j + 1);
		}

		/**
		 * {@code {n}}, {@code {n,}} or {@code {n,m}}; anything else (a leading zero, a
		 * space, no lower bound) starts with a literal brace to RE2.
		 */
		private void count() {
			int minEnd = digits(this.at + 1);
			if (minEnd == this.at + 1) {
				literalBrace();
				return;
			}
			long min = value(this.at + 1, minEnd);
			long max = min;
			int j = minEnd;
			if (j < this.pattern.length() && this.pattern.charAt(j) == ',') {
				int maxEnd = digits(j + 1);
				max = (maxEnd == j + 1) ? UNBOUNDED : value(j + 1, maxEnd);
				j = maxEnd;
			}
			if (j >= this.pattern.length() || this.pattern.charAt(j) != '}') {
				literalBrace();
				return;
			}
			this.at = j + 1;
			this.largestCount = Math.max(this.largestCount, Math.max(min, max));
			repeat(min, max);
		}

		private void literalBrace() {
			this.at++;
			group().item(1);
		}

		/**
		 * The end of a run of digits from {@code from}; {@code from} itself when RE2
		 * would not read a number there (none, or a leading zero before another digit).
		 */
		private int digits(int from) {
			int j = from;
			while (j < this.pattern.length() && this.pattern.charAt(j) >= '0' && this.pattern.charAt(j) <= '9') {
				j++;
			}
			boolean leadingZero = j - from >= 2 && this.pattern.charAt(from) == '0';
			return leadingZero ? from : j;
		}

		/** The number, or {@link #SATURATED} when it has more digits than RE2 reads. */
		private long value(int from, int to) {
			return (to - from > MAX_DIGITS) ? SATURATED : Long.parseLong(this.pattern.substring(from, to));
		}

		/**
		 * Applies a repetition to the last item: as many copies as {@code max} (at least
		 * one) and a choice point for each optional one, or copies up to {@code min} and
		 * one loop when {@code max} is {@link #UNBOUNDED}. A lazy {@code ?} after it
		 * changes nothing in size.
		 */
		private void repeat(long min, long max) {
			Group group = group();
			if (group.last != 0) { // RE2 refuses a repetition of nothing
				long item = group.last;
				// a star is compiled as (x+)? when x may match nothing: two choice points
				group.last = (max == UNBOUNDED) ? add(mul(item, Math.max(1, min)), (min == 0) ? 2 : 1)
						: Math.max(1, add(mul(item, Math.max(min, max)), Math.max(0, max - min)));
			}
			if (this.at < this.pattern.length() && this.pattern.charAt(this.at) == '?') {
				this.at++;
			}
		}

	}

	private static long add(long a, long b) {
		return Math.min(SATURATED, a + b);
	}

	private static long mul(long a, long b) {
		return (b != 0 && a > SATURATED / b) ? SATURATED : Math.min(SATURATED, a * b);
	}

}
