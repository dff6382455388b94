package org.tokenyield.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Query parameters are names, keys, numbers and filters: a control character (NUL above
 * all, which PostgreSQL refuses) or a broken percent-encoding in one is refused with 400
 * before any code sees it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class QueryCheck extends OncePerRequestFilter {

	private final ProblemWriter problems;

	QueryCheck(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		if (query != null && !query.isEmpty()) {
			String problem = problem(query);
			if (problem != null) {
				this.problems.write(request, response, 400, "Invalid input", problem);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/** What is wrong with the raw query string, or null. */
	static String problem(String query) {
		for (String pair : query.split("&")) {
			String decoded;
			try {
				decoded = decodeStrict(pair.replace('+', ' '));
			}
			catch (IllegalArgumentException ex) {
				return "The query string is not valid percent-encoded UTF-8.";
			}
			if (decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
				return "Query parameters must not contain control characters.";
			}
		}
		return null;
	}

	/**
	 * Percent-decoding that refuses malformed escapes and invalid UTF-8 instead of
	 * replacing them.
	 */
	private static String decodeStrict(String s) {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '%') {
				if (i + 2 >= s.length()) {
					throw new IllegalArgumentException("truncated escape");
				}
				int hi = Character.digit(s.charAt(i + 1), 16);
				int lo = Character.digit(s.charAt(i + 2), 16);
				if (hi < 0 || lo < 0) {
					throw new IllegalArgumentException("bad escape");
				}
				bytes.write(hi * 16 + lo);
				i += 2;
			}
			else {
				byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				bytes.write(raw, 0, raw.length);
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
				.onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (java.nio.charset.CharacterCodingException ex) {
			throw new IllegalArgumentException("invalid UTF-8", ex);
		}
	}

}
