package org.tokenyield.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenyield.analytics.FigureFilter;
import org.tokenyield.analytics.FigureService;
import org.tokenyield.analytics.LeaderboardService;
import org.tokenyield.analytics.UnseenTokensService;
import org.tokenyield.analytics.calc.DriftEstimate;
import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.catalog.Prices;
import org.tokenyield.exports.ExportService;
import org.tokenyield.imports.ShippedDatasets;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.support.WebSlice;
import org.tokenyield.system.NotFoundException;
import org.tokenyield.vocabularies.CrossFamilyService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The reader pages' controllers in a web slice: which view, which model, which status for
 * a bad filter or an unknown version, and that the real templates render it. The services
 * behind them (analytics' figures, prompts' categories, the export link and the tokenizer
 * fragment) are mocked here only; the integration and browser tests
 * ({@code ReaderPagesBrowserTest}, {@code FiguresBrowserTest}) run the real ones on the
 * embedded PostgreSQL.
 */
@WebMvcTest({ LeaderboardPage.class, ModelPages.class })
@Import({ PageFormats.class, WebSlice.class })
@WithAnonymousUser
class ReaderPageControllersTests {

	private static final ModelVersion ALPHA_1 = version("simulator/sim-alpha-1", "default", "thinking:1024");

	private static final ModelVersion ALPHA_2 = version("simulator/sim-alpha-2", "default", "thinking:16384");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	LeaderboardService leaderboard;

	@MockitoBean
	FigureService figures;

	@MockitoBean
	PromptService prompts;

	@MockitoBean
	UnseenTokensService unseen;

	/** The compare page's tokenizer fragment asks this bean by name. */
	@MockitoBean(name = "crossFamilyService")
	CrossFamilyService crossFamilyService;

	/**
	 * Not serving from the figure cache here (a mock answers no to every request), so the
	 * pages render per request and their model can be read.
	 */
	@MockitoBean
	AnonymousPages pages;

	/** The home page credits the real datasets loaded at start (none here). */
	@MockitoBean
	ShippedDatasets shipped;

	/** Every page's footer links the latest export snapshot (none here). */
	@MockitoBean(name = "exportService")
	ExportService exports;

	@BeforeEach
	void figures() {
		given(this.prompts.categories()).willReturn(List.of("code", "math"));
		given(this.leaderboard.visibleModels()).willReturn(List.of(ALPHA_1, ALPHA_2));
		given(this.leaderboard.visible(ALPHA_1.key())).willReturn(ALPHA_1);
		given(this.leaderboard.visible(ALPHA_2.key())).willReturn(ALPHA_2);
		given(this.leaderboard.visible("simulator/nope")).willThrow(new NotFoundException("No model simulator/nope"));
		given(this.leaderboard.rowsWithBadges(any()))
			.willReturn(new LeaderboardService.RowsWithBadges(List.of(), Map.of()));
		given(this.figures.scaling(any(), any())).willReturn(
				new FigureService.ScalingReport(
						ALPHA_1.key(), true, "default", new FigureService.ScalingFigure(0, List.of(),
								Estimate.UNDEFINED, Estimate.UNDEFINED, "UNDEFINED", null, null, false, null),
						Map.of(), Map.of(), List.of()));
		given(this.unseen.unseen(any(), any()))
			.willReturn(new UnseenTokensService.Report(ALPHA_1.key(), true, null, 200, List.of()));
		given(this.figures.adaptive(any(), any()))
			.willReturn(new FigureService.AdaptiveReport(ALPHA_1.key(), true, 0, Map.of(), List.of()));
		given(this.leaderboard.drift(any(), any(), any())).willReturn(new LeaderboardService.DriftReport(ALPHA_1.key(),
				"default", ALPHA_2.key(), "default", DriftEstimate.EMPTY, Map.of(), true));
		given(this.crossFamilyService.live()).willReturn(new CrossFamilyService.Report(
				CrossFamilyService.DEFAULT_BASELINE, "live", 0, List.of(), List.of(), List.of()));
	}

	@Test
	void theLeaderboardKeepsItsFiltersAndListsEverySettingOnce() {
		assertThat(this.mvc.get().uri("/?category=math&difficulty=hard&setting=thinking:1024")).hasStatusOk()
			.hasViewName("leaderboard")
			.model()
			.containsEntry("filter", new FigureFilter("math", "hard", "thinking:1024", null))
			.containsEntry("allColumns", false)
			.containsEntry("categories", List.of("code", "math"))
			.containsEntry("settings", List.of("default", "thinking:1024", "thinking:16384"));
		verify(this.leaderboard).rowsWithBadges(new FigureFilter("math", "hard", "thinking:1024", null));
		assertThat(this.mvc.get().uri("/?columns=all")).model().containsEntry("allColumns", true);
	}

	@Test
	void aFilterOutsideTheRulesIsA400PageNamingIt() {
		assertThat(this.mvc.get().uri("/?difficulty=impossible")).hasStatus(400)
			.hasViewName("error")
			.model()
			.hasEntrySatisfying("message",
					m -> assertThat(m.toString()).isEqualTo("difficulty must be easy, medium, hard or unknown"));
		assertThat(this.mvc.get().uri("/models/simulator/sim-alpha-1?difficulty=impossible")).hasStatus(400);
		assertThat(this.mvc.get().uri("/compare?difficulty=impossible")).hasStatus(400);
	}

	@Test
	void theModelPageShowsTheVersionAtItsDefaultSettingUnlessOneIsAsked() {
		assertThat(this.mvc.get().uri("/models/simulator/sim-alpha-1")).hasStatusOk()
			.hasViewName("model")
			.model()
			.containsEntry("version", ALPHA_1)
			.containsEntry("configSetting", "default")
			.containsEntry("settings", ALPHA_1.settings());
		assertThat(this.mvc.get().uri("/models/simulator/sim-alpha-1?setting=thinking:1024")).model()
			.containsEntry("configSetting", "thinking:1024");
		assertThat(this.mvc.get().uri("/models/simulator/sim-alpha-1?setting=all")).model()
			.containsEntry("configSetting", "default");
	}

	@Test
	void anUnknownOrHiddenVersionIsA404() {
		assertThat(this.mvc.get().uri("/models/simulator/nope")).hasStatus(404);
		assertThat(this.mvc.get().uri("/compare?from=simulator/sim-alpha-1&to=simulator/nope")).hasStatus(404);
		verify(this.leaderboard, never()).drift(any(), any(), any());
	}

	@Test
	void theComparePageDriftsOnlyWhenBothSidesAreChosen() {
		assertThat(this.mvc.get().uri("/compare?from=simulator/sim-alpha-1")).hasStatusOk()
			.hasViewName("compare")
			.model()
			.containsEntry("from", "simulator/sim-alpha-1")
			.containsEntry("to", null)
			.doesNotContainKey("drift");
		verify(this.leaderboard, never()).drift(any(), any(), any());
		assertThat(this.mvc.get().uri("/compare?from=simulator/sim-alpha-1&to=simulator/sim-alpha-2&category=math"))
			.hasStatusOk()
			.model()
			.containsKey("drift")
			.containsEntry("settings", List.of("default", "thinking:1024", "thinking:16384"));
		verify(this.leaderboard).drift(eq(ALPHA_1.key()), eq(ALPHA_2.key()),
				eq(new FigureFilter("math", null, null, null)));
	}

	/**
	 * Tokenizers generate nothing: the headline gives the input drift it plots, with its
	 * interval, and says that accuracy and verdict do not apply, instead of dashes.
	 */
	@Test
	void theTokenizerComparisonHeadlineGivesTheInputDrift() throws Exception {
		DriftEstimate inputOnly = new DriftEstimate(40, new Estimate(0.125, 0.05, 0.2), Estimate.UNDEFINED,
				Estimate.UNDEFINED, Estimate.UNDEFINED, null);
		given(this.leaderboard.drift(any(), any(), any())).willReturn(new LeaderboardService.DriftReport(ALPHA_1.key(),
				"default", ALPHA_2.key(), "default", inputOnly, Map.of(), true));
		String page = this.mvc.get()
			.uri("/compare?from=simulator/sim-alpha-1&to=simulator/sim-alpha-2")
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		int start = page.indexOf('>', page.indexOf("id=\"verdict\"")) + 1;
		String headline = page.substring(start, page.indexOf("</p>", start))
			.replaceAll("<[^>]*>", "")
			.replaceAll("\\s+", " ");
		assertThat(headline).contains("Over 40 paired prompts: input tokens +12.5% [+5.0, +20.0].")
			.contains("Accuracy and verdict do not apply")
			.doesNotContain("generated tokens", "–");
	}

	@Test
	void theMethodologyIsAPlainPage() {
		assertThat(this.mvc.get().uri("/methodology")).hasStatusOk().hasViewName("methodology");
	}

	private static ModelVersion version(String key, String... settings) {
		String[] parts = key.split("/");
		return new ModelVersion(1, key, "sim-alpha", null, parts[0], parts[1], List.of(settings), true, true, 3,
				Prices.FREE);
	}

}
