package org.tokenyield.catalog;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code model_versions} and {@code model_prices} tables; {@link CatalogService}
 * holds the rules.
 */
@Component
class CatalogRepository {

	private static final String SELECT = """
			select m.id, m.model_key, m.family, p.model_key as predecessor, m.provider, m.api_model, m.settings,
			       m.simulated, m.active, m.samples,
			       pr.input_per_mtok, pr.cached_input_per_mtok, pr.output_per_mtok, pr.effective_from,
			       pr.tier_above_input_tokens, pr.tier_input_per_mtok, pr.tier_cached_input_per_mtok, pr.tier_output_per_mtok,
			       pr.cache_write_per_mtok
			  from model_versions m
			  left join model_versions p on p.id = m.predecessor_id
			  left join lateral (select * from model_prices x where x.model_id = m.id and x.effective_from <= current_date
			                      order by x.effective_from desc limit 1) pr on true
			""";

	private final JdbcClient jdbc;

	CatalogRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<ModelVersion> all() {
		return this.jdbc.sql(SELECT + " order by m.family, m.id").query(CatalogRepository::map).list();
	}

	Optional<ModelVersion> find(String key) {
		return this.jdbc.sql(SELECT + " where m.model_key = ?").param(key).query(CatalogRepository::map).optional();
	}

	Optional<ModelVersion> find(long id) {
		return this.jdbc.sql(SELECT + " where m.id = ?").param(id).query(CatalogRepository::map).optional();
	}

	/** The new version's id. */
	long insert(NewModelVersion cmd, Long predecessorId, String apiModel, boolean simulated, int samples) {
		return this.jdbc
			.sql("""
					insert into model_versions (model_key, family, predecessor_id, provider, api_model, settings, simulated, active, samples)
					values (?, ?, ?, ?, ?, ?::text[], ?, ?, ?) returning id""")
			.params(cmd.key(), cmd.family(), predecessorId, cmd.provider(), apiModel, toArrayLiteral(cmd.settings()),
					simulated, cmd.active() == null || cmd.active(), samples)
			.query(Long.class)
			.single();
	}

	void insertPrice(long modelId, Prices prices, LocalDate effectiveFrom) {
		this.jdbc
			.sql("""
					insert into model_prices (model_id, effective_from, input_per_mtok, cached_input_per_mtok, output_per_mtok,
					                          tier_above_input_tokens, tier_input_per_mtok, tier_cached_input_per_mtok, tier_output_per_mtok,
					                          cache_write_per_mtok)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(modelId, effectiveFrom, prices.inputPerMtok(), prices.cachedInputPerMtok(), prices.outputPerMtok(),
					tier(prices, 0), tier(prices, 1), tier(prices, 2), tier(prices, 3), prices.cacheWritePerMtok())
			.update();
	}

	/**
	 * An {@code external} version (never scheduled); nothing when another request created
	 * it first.
	 */
	void insertExternal(String key, String family, String apiModel) {
		this.jdbc.sql("""
				insert into model_versions (model_key, family, provider, api_model, settings, samples)
				values (?, ?, 'external', ?, array['default'], 1) on conflict (model_key) do nothing""")
			.params(key, family, apiModel)
			.update();
	}

	void addSetting(long modelId, String setting) {
		this.jdbc
			.sql("update model_versions set settings = settings || ?::text where id = ? and not (? = any(settings))")
			.params(setting, modelId, setting)
			.update();
	}

	/** The price from its date, replacing one set for the same date. */
	void savePrice(long modelId, Prices prices) {
		this.jdbc
			.sql("""
					insert into model_prices (model_id, effective_from, input_per_mtok, cached_input_per_mtok, output_per_mtok,
					                          tier_above_input_tokens, tier_input_per_mtok, tier_cached_input_per_mtok, tier_output_per_mtok,
					                          cache_write_per_mtok)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (model_id, effective_from) do update
					   set input_per_mtok = excluded.input_per_mtok, cached_input_per_mtok = excluded.cached_input_per_mtok,
					       output_per_mtok = excluded.output_per_mtok, tier_above_input_tokens = excluded.tier_above_input_tokens,
					       tier_input_per_mtok = excluded.tier_input_per_mtok,
					       tier_cached_input_per_mtok = excluded.tier_cached_input_per_mtok,
					       tier_output_per_mtok = excluded.tier_output_per_mtok,
					       cache_write_per_mtok = excluded.cache_write_per_mtok""")
			.params(modelId, prices.effectiveFrom(), prices.inputPerMtok(), prices.cachedInputPerMtok(),
					prices.outputPerMtok(), tier(prices, 0), tier(prices, 1), tier(prices, 2), tier(prices, 3),
					prices.cacheWritePerMtok())
			.update();
	}

	List<Prices> priceHistory(long modelId) {
		return this.jdbc.sql("""
				select input_per_mtok, cached_input_per_mtok, output_per_mtok, effective_from, tier_above_input_tokens,
				       tier_input_per_mtok, tier_cached_input_per_mtok, tier_output_per_mtok, cache_write_per_mtok
				  from model_prices
				 where model_id = ? order by effective_from desc""").param(modelId).query((rs, i) -> prices(rs)).list();
	}

	private static String toArrayLiteral(List<String> values) {
		// settings are validated against a strict pattern, so no quoting is needed beyond
		// braces
		return "{" + String.join(",", values) + "}";
	}

	/** Prices from a row with {@code model_prices}' column names. */
	private static Prices prices(ResultSet rs) throws SQLException {
		Long above = rs.getObject("tier_above_input_tokens", Long.class);
		PriceTier tier = above == null ? null : new PriceTier(above, rs.getBigDecimal("tier_input_per_mtok"),
				rs.getBigDecimal("tier_cached_input_per_mtok"), rs.getBigDecimal("tier_output_per_mtok"));
		return new Prices(rs.getBigDecimal("input_per_mtok"), rs.getBigDecimal("cached_input_per_mtok"),
				rs.getBigDecimal("output_per_mtok"), rs.getObject("effective_from", LocalDate.class), tier,
				rs.getBigDecimal("cache_write_per_mtok"));
	}

	/**
	 * The tier's columns in table order (threshold, input, cached, output), null without
	 * a tier.
	 */
	private static Object tier(Prices prices, int column) {
		PriceTier t = prices.tier();
		if (t == null) {
			return null;
		}
		return switch (column) {
			case 0 -> t.aboveInputTokens();
			case 1 -> t.inputPerMtok();
			case 2 -> t.cachedInputPerMtok();
			default -> t.outputPerMtok();
		};
	}

	private static ModelVersion map(ResultSet rs, int row) throws SQLException {
		Array settings = rs.getArray("settings");
		BigDecimal input = rs.getBigDecimal("input_per_mtok");
		Prices prices = input == null ? Prices.FREE : prices(rs);
		return new ModelVersion(rs.getLong("id"), rs.getString("model_key"), rs.getString("family"),
				rs.getString("predecessor"), rs.getString("provider"), rs.getString("api_model"),
				List.copyOf(Arrays.asList((String[]) settings.getArray())), rs.getBoolean("simulated"),
				rs.getBoolean("active"), rs.getInt("samples"), prices);
	}

}
