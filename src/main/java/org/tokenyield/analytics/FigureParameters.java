package org.tokenyield.analytics;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import org.tokenyield.system.Setting;

import org.springframework.web.bind.annotation.BindParam;

/**
 * The query string of every figure, API and page alike, bound once by Spring MVC:
 * {@link FigureFilter}'s four parameters, and {@code min_as_of}, which the figure
 * interceptor reads before any handler (analytics/web/FigureCaching) and which is here so
 * that the OpenAPI document and the check of unknown parameters know it. The answer's
 * {@code format} is content negotiation's (system/CsvConverter).
 */
public record FigureParameters(@Parameter(schema = @Schema(maxLength = 32)) String category,
		@Parameter(schema = @Schema(pattern = "^(easy|medium|hard|unknown)$")) String difficulty,
		@Parameter(description = SETTING, schema = @Schema(pattern = SETTING_OR_ALL)) String setting,
		@BindParam("min_as_of") @Parameter(name = "min_as_of", description = MIN_AS_OF,
				schema = @Schema(format = "date-time")) String minAsOf,
		@Parameter(schema = @Schema(maxLength = 64)) String dataset) {

	static final String SETTING = "all, or " + Setting.DESCRIPTION;

	static final String MIN_AS_OF = "answer with figures at least this fresh (an as_of the API answered, e.g. by"
			+ " an import), waiting for a recompute if needed";

	static final String SETTING_OR_ALL = "^(all|" + Setting.FORM_PATTERN + ")$";

	/** The validated filter; a bad parameter is an InvalidInputException naming it. */
	public FigureFilter filter() {
		return new FigureFilter(this.category, this.difficulty, this.setting, this.dataset);
	}

}
