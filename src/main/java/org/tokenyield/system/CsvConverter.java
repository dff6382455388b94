package org.tokenyield.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.accept.ParameterContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one place CSV answers are written: a {@link TableBody} when content negotiation
 * chose {@code text/csv} ({@code Accept: text/csv}, or {@code format=csv} on a GET).
 * Added after the JSON converter, so that {@code Accept: *}{@code /*} still answers JSON.
 * The {@code format} parameter chooses the answer's format only on reads: on
 * {@code POST /api/v1/imports} it names the format of the file sent.
 */
@Configuration(proxyBeanMethods = false)
class CsvConverter extends AbstractHttpMessageConverter<TableBody> implements WebMvcConfigurer {

	private final Csv csv;

	CsvConverter(JsonMapper json) {
		super(StandardCharsets.UTF_8, Csv.TEXT_CSV);
		this.csv = new Csv(json);
	}

	@Override
	public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
		ParameterContentNegotiationStrategy byFormat = new ParameterContentNegotiationStrategy(
				Map.of("csv", Csv.TEXT_CSV, "json", MediaType.APPLICATION_JSON));
		byFormat.setParameterName("format");
		ContentNegotiationStrategy onReads = (request) -> isGet(request) ? byFormat.resolveMediaTypes(request)
				: ContentNegotiationStrategy.MEDIA_TYPE_ALL_LIST;
		configurer.strategies(List.of(onReads, new HeaderContentNegotiationStrategy()));
	}

	private static boolean isGet(NativeWebRequest request) {
		HttpServletRequest servlet = request.getNativeRequest(HttpServletRequest.class);
		return servlet != null && HttpMethod.GET.matches(servlet.getMethod());
	}

	@Override
	public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
		converters.add(this);
	}

	@Override
	protected boolean supports(Class<?> type) {
		return TableBody.class.isAssignableFrom(type);
	}

	@Override
	protected boolean canRead(MediaType mediaType) {
		return false;
	}

	@Override
	protected TableBody readInternal(Class<? extends TableBody> type, HttpInputMessage input) {
		throw new HttpMessageNotReadableException("CSV is answered, never read", input);
	}

	@Override
	protected void addDefaultHeaders(HttpHeaders headers, TableBody body, MediaType contentType) throws IOException {
		super.addDefaultHeaders(headers, body, Csv.TEXT_CSV);
		headers.set(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + body.name() + ".csv\"");
	}

	@Override
	protected void writeInternal(TableBody body, HttpOutputMessage output) throws IOException {
		output.getBody().write(this.csv.write(body.rows().get(), body.rowType()).getBytes(StandardCharsets.UTF_8));
	}

}
