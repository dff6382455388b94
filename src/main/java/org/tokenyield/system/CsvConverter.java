package org.tokenyield.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one place CSV answers are written: a {@link TableBody} when content negotiation
 * chose {@code text/csv} ({@code Accept: text/csv}, or {@code format=csv}, which
 * {@code spring.mvc.contentnegotiation.*} maps to it). Added after the JSON converter, so
 * that {@code Accept: *}{@code /*} still answers JSON.
 */
@Configuration(proxyBeanMethods = false)
class CsvConverter extends AbstractHttpMessageConverter<TableBody> implements WebMvcConfigurer {

	private final Csv csv;

	CsvConverter(JsonMapper json) {
		super(StandardCharsets.UTF_8, Csv.TEXT_CSV);
		this.csv = new Csv(json);
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
