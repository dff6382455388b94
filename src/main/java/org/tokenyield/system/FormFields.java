package org.tokenyield.system;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The parameters of a request whose form body the application read itself: those of the
 * query string (the container parses nothing else once the body stream was taken) first,
 * then the form's fields, as the servlet specification orders them. At most
 * {@link #MAX_FIELDS} of them, as the container would allow.
 */
final class FormFields {

	static final int MAX_FIELDS = 1000;

	private final Map<String, String[]> parameters;

	private FormFields(Map<String, String[]> parameters) {
		this.parameters = parameters;
	}

	static FormFields of(HttpServletRequest queryOnly, MultiValueMap<String, String> fields) {
		Map<String, String[]> merged = new LinkedHashMap<>(queryOnly.getParameterMap());
		fields.forEach((name, values) -> {
			String[] before = merged.getOrDefault(name, new String[0]);
			String[] all = new String[before.length + values.size()];
			System.arraycopy(before, 0, all, 0, before.length);
			for (int i = 0; i < values.size(); i++) {
				all[before.length + i] = values.get(i);
			}
			merged.put(name, all);
		});
		if (merged.values().stream().mapToInt(v -> v.length).sum() > MAX_FIELDS) {
			throw tooMany();
		}
		return new FormFields(Collections.unmodifiableMap(merged));
	}

	static InvalidInputException tooMany() {
		return new InvalidInputException("body", "has more than " + MAX_FIELDS + " fields");
	}

	static Charset charset(HttpServletRequest request) {
		String encoding = request.getCharacterEncoding();
		try {
			return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("body", "names an unknown character set");
		}
	}

	/** The fields of an {@code application/x-www-form-urlencoded} body. */
	static MultiValueMap<String, String> urlEncoded(String body, Charset charset) {
		MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
		int count = 0;
		for (int start = 0; start < body.length();) {
			int end = body.indexOf('&', start);
			end = end < 0 ? body.length() : end;
			if (end > start) {
				if (++count > MAX_FIELDS) {
					throw tooMany();
				}
				String pair = body.substring(start, end);
				int equals = pair.indexOf('=');
				fields.add(decode(equals < 0 ? pair : pair.substring(0, equals), charset),
						equals < 0 ? "" : decode(pair.substring(equals + 1), charset));
			}
			start = end + 1;
		}
		return fields;
	}

	private static String decode(String text, Charset charset) {
		try {
			return java.net.URLDecoder.decode(text, charset);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("body", "is not a valid form: a broken %-escape");
		}
	}

	String get(String name) {
		String[] values = this.parameters.get(name);
		return values == null || values.length == 0 ? null : values[0];
	}

	String[] values(String name) {
		String[] values = this.parameters.get(name);
		return values == null ? null : values.clone();
	}

	Map<String, String[]> map() {
		return this.parameters;
	}

	Enumeration<String> names() {
		return Collections.enumeration(List.copyOf(this.parameters.keySet()));
	}

}
