package org.tokenyield.catalog;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A model version to add ({@code POST /api/v1/models}). */
public record NewModelVersion(
		@NotBlank @Size(max = 160) @Pattern(regexp = "[a-z0-9][a-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.:-]*",
				message = "must be provider/model, e.g. anthropic/claude-opus-4-7") String key,
		@NotBlank @Size(max = 80) String family, @Size(max = 160) String predecessor,
		@NotBlank @Size(max = 40) String provider, @Size(max = 120) String apiModel,
		@NotEmpty @Size(max = 16) List<@NotBlank @Size(max = 40) String> settings, Boolean simulated,
		@Valid Prices prices, Boolean active, @Min(1) @Max(64) Integer samples) {
}
