package org.tokenyield.imports;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of an import, never holding more than {@code max} characters of one line: a
 * longer line is skipped as it streams by and reported as too long, so one huge line
 * cannot fill memory. Lines end at {@code \n}; a {@code \r} before it is dropped.
 */
public final class LineReader {

	/** One line: its text, or null with {@code tooLong} when it passed the limit. */
	public record Line(String text, boolean tooLong) {
	}

	private final Reader in;

	private final int max;

	private final char[] buffer = new char[1 << 16];

	private int position;

	private int limit;

	private final StringBuilder line = new StringBuilder();

	public LineReader(Reader in, int max) {
		this.in = in;
		this.max = max;
	}

	/** The next line, or null at the end of the input. */
	public Line next() throws IOException {
		this.line.setLength(0);
		boolean tooLong = false;
		boolean any = false;
		while (true) {
			if (this.position == this.limit) {
				this.limit = this.in.read(this.buffer, 0, this.buffer.length);
				this.position = 0;
				if (this.limit <= 0) {
					this.limit = 0;
					return any ? finish(tooLong) : null;
				}
			}
			any = true;
			int start = this.position;
			int end = start;
			while (end < this.limit && this.buffer[end] != '\n') {
				end++;
			}
			if (!tooLong) {
				if (this.line.length() + (end - start) > this.max + 1) { // +1: a trailing
																			// \r
					tooLong = true;
					this.line.setLength(0);
				}
				else {
					this.line.append(this.buffer, start, end - start);
				}
			}
			if (end < this.limit) {
				this.position = end + 1;
				return finish(tooLong);
			}
			this.position = this.limit;
		}
	}

	private Line finish(boolean tooLong) {
		if (tooLong) {
			return new Line(null, true);
		}
		int length = this.line.length();
		if (length > 0 && this.line.charAt(length - 1) == '\r') {
			this.line.setLength(length - 1);
		}
		if (this.line.length() > this.max) {
			return new Line(null, true);
		}
		return new Line(this.line.toString(), false);
	}

}
