package org.tokenyield.catalog.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.support.WebSlice;
import org.tokenyield.system.ConflictException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The admin catalog forms as a web slice: binding and the catalog's refusals become the
 * page's messages.
 */
@WebMvcTest(controllers = ModelCatalogPages.class)
@Import(WebSlice.class)
@WithMockUser(roles = "ADMIN")
class ModelCatalogPagesWebTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	CatalogService catalog;

	@Test
	void missingFieldsAndNoSettingAreNamedAndNothingIsAdded() {
		var result = this.mvc.post()
			.uri("/admin/models")
			.with(csrf())
			.param("key", "")
			.param("family", "f")
			.param("provider", " ")
			.param("settings", ", ,")
			.exchange();
		assertThat(result).hasStatusOk().hasViewName("admin-models");
		assertThat(result).model()
			.extractingByKey("errors")
			.isEqualTo(Map.of("key", "is required", "provider", "is required", "settings",
					"at least one setting, e.g. default"));
		assertThat(result).bodyText().contains("The version was not added");
		verify(this.catalog, never()).add(any());
	}

	@Test
	void aWordWhereANumberBelongsIsAMessageNotAnError() {
		var result = this.mvc.post()
			.uri("/admin/models")
			.with(csrf())
			.param("key", "openai/x")
			.param("family", "x")
			.param("provider", "openai")
			.param("settings", "default")
			.param("samples", "three")
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).model().extractingByKey("errors").isEqualTo(Map.of("samples", "is not a valid value"));
		verify(this.catalog, never()).add(any());
	}

	@Test
	void aTakenKeyIsAMessageOnTheKey() {
		given(this.catalog.add(any()))
			.willThrow(new ConflictException("key", "A model version 'openai/x' already exists"));
		var result = this.mvc.post()
			.uri("/admin/models")
			.with(csrf())
			.param("key", "openai/x")
			.param("family", "x")
			.param("provider", "openai")
			.param("settings", "default")
			.exchange();
		assertThat(result).model()
			.extractingByKey("errors")
			.isEqualTo(Map.of("key", "A model version 'openai/x' already exists"));
	}

	@Test
	void aNegativePriceIsRefusedBeforeTheCatalog() {
		var result = this.mvc.post()
			.uri("/admin/models/prices")
			.with(csrf())
			.param("key", "openai/x")
			.param("inputPerMtok", "-1")
			.param("cachedInputPerMtok", "0")
			.param("outputPerMtok", "2")
			.param("effectiveFrom", "2026-11-01")
			.exchange();
		assertThat(result).hasRedirectedUrl("/admin/models");
		assertThat(result).flash().containsEntry("error", "inputPerMtok must not be negative");
		verify(this.catalog, never()).addPrice(anyString(), any());
	}

}
