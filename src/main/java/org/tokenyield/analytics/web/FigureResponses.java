package org.tokenyield.analytics.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.tokenyield.analytics.AnalyticsProperties;
import org.tokenyield.analytics.freshness.FigureRequest;
import org.tokenyield.system.TableBody;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

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

	private final Duration maxAge;

	FigureResponses(JsonMapper json, AnalyticsProperties properties) {
		this.json = json;
		this.maxAge = properties.httpMaxAge();
	}

	/**
	 * A figure's answer: the whole {@code figure} as JSON with its as_of first, or its
	 * {@code rows} as CSV when the reader asks for CSV ({@link TableBody}); the ETag,
	 * which differs between the two, is set once content negotiation chose
	 * ({@link FigureEtags}).
	 * @param figure an object, or its JSON bytes
	 */
	ResponseEntity<TableBody> figure(ServletWebRequest request, Object figure, Supplier<List<?>> rows, Class<?> rowType,
			String name) {
		return figure(request, FigureRequest.servedAsOf(), figure, rows, rowType, name);
	}

	/** Like the above for a figure read with its {@code asOf} (a Versioned figure). */
	ResponseEntity<TableBody> figure(ServletWebRequest request, Instant asOf, Object figure, Supplier<List<?>> rows,
			Class<?> rowType, String name) {
		byte[] bytes = figure instanceof byte[] b ? b : this.json.writeValueAsBytes(figure);
		RawValue json = new RawValue(new String(withAsOf(bytes, asOf), StandardCharsets.UTF_8));
		return headers(ResponseEntity.ok(), request, asOf).body(new TableBody(json, rows, rowType, name));
	}

	ResponseEntity<TableBody> figure(ServletWebRequest request, Object figure, List<?> rows, Class<?> rowType,
			String name) {
		return figure(request, figure, () -> rows, rowType, name);
	}

	private ResponseEntity.BodyBuilder headers(ResponseEntity.BodyBuilder builder, ServletWebRequest request,
			Instant asOf) {
		builder.varyBy(HttpHeaders.ACCEPT);
		if (asOf != null) {
			builder.header(AS_OF, asOf.toString());
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
		return anonymous ? shared(maxAge) : CacheControl.noStore();
	}

	private static CacheControl shared(Duration maxAge) {
		return CacheControl.maxAge(maxAge).cachePublic().staleWhileRevalidate(Duration.ofSeconds(30));
	}

	/**
	 * The headers of a page rendered once for every anonymous reader from the figures of
	 * {@code asOf}: those FigureCaching gives a page rendered per request.
	 */
	public ResponseEntity.BodyBuilder anonymousPage(Instant asOf) {
		return ResponseEntity.ok()
			.header(AS_OF, asOf.toString())
			.eTag(etag(asOf, "page"))
			.cacheControl(shared(this.maxAge));
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
