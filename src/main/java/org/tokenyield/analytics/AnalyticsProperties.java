package org.tokenyield.analytics;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.analytics.*}: how fresh figures are kept and what computing them may take
 * (docs/live-figures.md says why each default is what it is).
 *
 * @param refresh how often a stale mark becomes a new summary version (the freshness
 * tick)
 * @param refreshedAtMemo how long the current version is trusted without reading it again
 * @param cacheSize computed figures kept in memory
 * @param maxComputations threads that compute figures readers wait for (FigurePool); 0:
 * one fewer than the cores, at least one
 * @param slowFigure a figure whose last computation took longer is recomputed on the slow
 * lane
 * @param slowFigurePacing the slow lane rests this many times as long as each computation
 * took
 * @param quickFigurePacing the quick lane rests this many times as long as each
 * computation took (the first lane, the leaderboard's, never rests)
 * @param clientBurst figures never computed before that one client may ask for at once
 * @param clientPerMinute and per minute after that
 * @param httpMaxAge {@code Cache-Control: max-age} of public figure responses
 * @param followLeaderboard how long after its last read a leaderboard is still recomputed
 * after new versions without waiting for a reader (other figures: one minute; past it, at
 * most once a second), so the boards readers chose follow a long import as it lands (the
 * home page's is followed whenever it was last read)
 */
@Validated
@ConfigurationProperties("app.analytics")
public record AnalyticsProperties(@NotNull @DefaultValue("PT0.25S") Duration refresh,
		@NotNull @DefaultValue("PT0.25S") Duration refreshedAtMemo, @Min(1) @DefaultValue("256") int cacheSize,
		@Min(0) @DefaultValue("0") int maxComputations, @NotNull @DefaultValue("PT0.25S") Duration slowFigure,
		@DecimalMin("0") @DefaultValue("4") double slowFigurePacing,
		@DecimalMin("0") @DefaultValue("1") double quickFigurePacing, @Min(1) @DefaultValue("120") int clientBurst,
		@Min(1) @DefaultValue("120") int clientPerMinute, @NotNull @DefaultValue("PT2S") Duration httpMaxAge,
		@NotNull @DefaultValue("PT15M") Duration followLeaderboard) {

}
