package org.tokenyield.analytics.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.tokenyield.analytics.AnalyticsProperties;
import org.tokenyield.analytics.FigureParameters;
import org.tokenyield.analytics.freshness.FigureRequest;
import org.tokenyield.system.Csv;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;

import tools.jackson.databind.json.JsonMapper;

/**
 * How a figure leaves the server: with its {@code as_of} (the summary version it was
 * computed from) as a JSON field and an {@code As-Of} header, an ETag derived from it,
 * and public {@code Cache-Control} for anonymous readers, so that a reverse proxy or CDN
 * can answer repeat reads and revalidate them with {@code If-None-Match} (304 when
 * nothing changed).
 */
@Component
public class FigureResponses {

	public static final String AS_OF = "As-Of";

	private final JsonMapper json;

	private final Csv csv;

	private final Duration maxAge;

	FigureResponses(JsonMapper json, Csv csv, AnalyticsProperties properties) {
		this.json = json;
		this.csv = csv;
		this.maxAge = properties.httpMaxAge();
	}

	/**
	 * The figures served so far in this request as JSON: {@code body} an object, or its
	 * JSON bytes.
	 */
	ResponseEntity<?> json(ServletWebRequest request, Object body) {
		Instant asOf = FigureRequest.servedAsOf();
		String etag = etag(asOf, "json");
		if (etag != null && request.checkNotModified(etag)) {
			return null;
		}
		byte[] bytes = body instanceof byte[] b ? b : this.json.writeValueAsBytes(body);
		return headers(ResponseEntity.ok(), request, asOf, etag).contentType(MediaType.APPLICATION_JSON)
			.body(withAsOf(bytes, asOf));
	}

	/**
	 * A figure endpoint's answer: {@code rows} as CSV named {@code name} when the query
	 * or the Accept header asks for CSV, otherwise the whole {@code figure} as JSON.
	 */
	ResponseEntity<?> figure(ServletWebRequest request, FigureParameters query, String accept, Object figure,
			List<?> rows, String name) {
		return query.csv(accept) ? csv(request, rows, name) : json(request, figure);
	}

	ResponseEntity<?> csv(ServletWebRequest request, List<?> rows, String name) {
		Instant asOf = FigureRequest.servedAsOf();
		String etag = etag(asOf, "csv");
		if (etag != null && request.checkNotModified(etag)) {
			return null;
		}
		ResponseEntity<String> plain = this.csv.response(rows, name);
		return headers(ResponseEntity.ok(), request, asOf, etag).headers(plain.getHeaders()).body(plain.getBody());
	}

	private ResponseEntity.BodyBuilder headers(ResponseEntity.BodyBuilder builder, ServletWebRequest request,
			Instant asOf, String etag) {
		builder.varyBy(HttpHeaders.ACCEPT);
		if (asOf != null) {
			builder.header(AS_OF, asOf.toString()).eTag(etag);
		}
		return builder.cacheControl(cacheControl(request, this.maxAge));
	}

	/**
	 * Public for anonymous readers; a signed-in or token-bearing request's answer is not
	 * shared.
	 */
	static CacheControl cacheControl(ServletWebRequest request, Duration maxAge) {
		boolean anonymous = request.getRequest().getUserPrincipal() == null
				&& request.getHeader(HttpHeaders.AUTHORIZATION) == null;
		return anonymous ? CacheControl.maxAge(maxAge).cachePublic().staleWhileRevalidate(Duration.ofSeconds(30))
				: CacheControl.noStore();
	}

	static String etag(Instant asOf, String variant) {
		if (asOf == null) {
			return null;
		}
		long micros = asOf.getEpochSecond() * 1_000_000L + asOf.getNano() / 1_000;
		return "\"" + Long.toString(micros, 36) + "-" + variant + "\"";
	}

	/**
	 * {@code {"as_of":"…",} + the object's other fields}: the figure's JSON with its
	 * as_of first.
	 */
	static byte[] withAsOf(byte[] object, Instant asOf) {
		if (asOf == null || object.length < 2 || object[0] != '{') {
			return object;
		}
		byte[] field = ("{\"as_of\":\"" + asOf + "\"" + (object[1] == '}' ? "" : ",")).getBytes(StandardCharsets.UTF_8);
		byte[] out = new byte[field.length + object.length - 1];
		System.arraycopy(field, 0, out, 0, field.length);
		System.arraycopy(object, 1, out, field.length, object.length - 1);
		return out;
	}

}
