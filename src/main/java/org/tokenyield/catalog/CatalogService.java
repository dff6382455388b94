package org.tokenyield.catalog;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tokenyield.providers.ModelProvider;
import org.tokenyield.providers.SettingCheck;
import org.tokenyield.system.AuditLog;
import org.tokenyield.system.ConflictException;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.system.NotFoundException;
import org.tokenyield.system.Setting;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class CatalogService {

	private static final String SELECT = """
			select m.id, m.model_key, m.family, p.model_key as predecessor, m.provider, m.api_model, m.settings,
			       m.simulated, m.active, m.samples,
			       pr.input_per_mtok, pr.cached_input_per_mtok, pr.output_per_mtok, pr.effective_from,
			       pr.tier_above_input_tokens, pr.tier_input_per_mtok, pr.tier_cached_input_per_mtok, pr.tier_output_per_mtok
			  from model_versions m
			  left join model_versions p on p.id = m.predecessor_id
			  left join lateral (select * from model_prices x where x.model_id = m.id and x.effective_from <= current_date
			                      order by x.effective_from desc limit 1) pr on true
			""";

	private final JdbcClient jdbc;

	private final Map<String, ModelProvider> providers = new LinkedHashMap<>();

	private final ApplicationEventPublisher events;

	private final AuditLog audit;

	CatalogService(JdbcClient jdbc, List<ModelProvider> providers, ApplicationEventPublisher events, AuditLog audit) {
		this.audit = audit;
		this.jdbc = jdbc;
		providers.forEach(p -> this.providers.put(p.name(), p));
		this.events = events;
	}

	@Transactional(readOnly = true)
	public List<ModelVersion> all() {
		return this.jdbc.sql(SELECT + " order by m.family, m.id").query(CatalogService::map).list();
	}

	@Transactional(readOnly = true)
	public Optional<ModelVersion> find(String key) {
		return this.jdbc.sql(SELECT + " where m.model_key = ?").param(key).query(CatalogService::map).optional();
	}

	@Transactional(readOnly = true)
	public Optional<ModelVersion> find(long id) {
		return this.jdbc.sql(SELECT + " where m.id = ?").param(id).query(CatalogService::map).optional();
	}

	public ModelVersion require(String key) {
		return find(key).orElseThrow(() -> new NotFoundException("No model version '" + key + "'"));
	}

	/** Saves a version after checking each setting with its provider; publishes {@link ModelVersionAdded}. */
	@Transactional
	public ModelVersion add(NewModelVersion cmd) {
		if (find(cmd.key()).isPresent()) {
			throw new ConflictException("key", "A model version '" + cmd.key() + "' already exists");
		}
		String provider = cmd.provider();
		if (!cmd.key().startsWith(provider + "/")) {
			throw new InvalidInputException("key", "must start with the provider's name: '" + provider + "/...'");
		}
		String apiModel = cmd.apiModel() == null || cmd.apiModel().isBlank() ? cmd.key().substring(provider.length() + 1)
				: cmd.apiModel();
		Map<String, String> errors = new LinkedHashMap<>();
		ModelProvider adapter = this.providers.get(provider);
		if (adapter == null && !ModelVersion.EXTERNAL.equals(provider)) {
			errors.put("provider", "is not a configured provider; known: " + knownProviders());
		}
		for (int i = 0; i < cmd.settings().size(); i++) {
			String setting = cmd.settings().get(i);
			if (!Setting.valid(setting)) {
				errors.put("settings[" + i + "]", "'" + setting + "' is not " + Setting.DESCRIPTION);
			}
			else if (adapter != null) {
				SettingCheck check = adapter.check(apiModel, setting);
				if (!check.accepted()) {
					errors.put("settings[" + i + "]", "'" + setting + "' is refused: " + check.reason());
				}
			}
		}
		if (cmd.settings().stream().distinct().count() != cmd.settings().size()) {
			errors.put("settings", "must not repeat a setting");
		}
		Long predecessorId = null;
		if (cmd.predecessor() != null && !cmd.predecessor().isBlank()) {
			Optional<ModelVersion> predecessor = find(cmd.predecessor());
			if (predecessor.isEmpty()) {
				errors.put("predecessor", "is not a known model version");
			}
			else {
				predecessorId = predecessor.get().id();
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("The model version is invalid: " + errors, errors);
		}
		boolean simulated = Boolean.TRUE.equals(cmd.simulated()) || "simulator".equals(provider);
		int samples = cmd.samples() != null ? cmd.samples() : (simulated ? 3 : 1);
		long id = this.jdbc.sql("""
				insert into model_versions (model_key, family, predecessor_id, provider, api_model, settings, simulated, active, samples)
				values (?, ?, ?, ?, ?, ?::text[], ?, ?, ?) returning id""")
			.params(cmd.key(), cmd.family(), predecessorId, provider, apiModel, toArrayLiteral(cmd.settings()), simulated,
					cmd.active() == null || cmd.active(), samples)
			.query(Long.class)
			.single();
		Prices prices = cmd.prices() == null ? Prices.FREE : cmd.prices();
		this.jdbc.sql("""
				insert into model_prices (model_id, effective_from, input_per_mtok, cached_input_per_mtok, output_per_mtok,
				                          tier_above_input_tokens, tier_input_per_mtok, tier_cached_input_per_mtok, tier_output_per_mtok)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, prices.effectiveFrom() == null ? LocalDate.of(2000, 1, 1) : prices.effectiveFrom(),
					prices.inputPerMtok(), prices.cachedInputPerMtok(), prices.outputPerMtok(), tier(prices, 0),
					tier(prices, 1), tier(prices, 2), tier(prices, 3))
			.update();
		ModelVersion saved = find(id).orElseThrow();
		this.audit.recordAsCurrent("MODEL_ADDED", "version " + saved.key() + " (" + saved.provider() + ", settings "
				+ saved.settings() + ")");
		this.events.publishEvent(new ModelVersionAdded(saved.id(), saved.key()));
		return saved;
	}

	/**
	 * The version an import names, created as {@code external} when unknown (API.md: imported
	 * results never schedule calls).
	 */
	@Transactional
	public ModelVersion findOrCreateExternal(String key) {
		return find(key).orElseGet(() -> {
			String name = key.contains("/") ? key.substring(key.indexOf('/') + 1) : key;
			// the family is the name without its version number; both fit their columns (a key may be longer)
			String family = name.replaceAll("[-_.]?[0-9][0-9.\\-]*$", "");
			this.jdbc.sql("""
					insert into model_versions (model_key, family, provider, api_model, settings, samples)
					values (?, ?, 'external', ?, array['default'], 1) on conflict (model_key) do nothing""")
				.params(key, clip(family.isEmpty() ? name : family, 80), clip(name, 120))
				.update();
			return require(key);
		});
	}

	/** Adds a setting a version was imported with, so figures list it among its sweep. */
	@Transactional
	public void ensureSetting(long modelId, String setting) {
		this.jdbc.sql("update model_versions set settings = settings || ?::text where id = ? and not (? = any(settings))")
			.params(setting, modelId, setting)
			.update();
	}

	/** A new price for a version from a date on; runs stamp the price in force on their day. */
	@Transactional
	public void addPrice(String key, Prices prices) {
		ModelVersion model = require(key);
		if (prices.effectiveFrom() == null) {
			throw new InvalidInputException("effective_from", "is required");
		}
		this.jdbc.sql("""
				insert into model_prices (model_id, effective_from, input_per_mtok, cached_input_per_mtok, output_per_mtok,
				                          tier_above_input_tokens, tier_input_per_mtok, tier_cached_input_per_mtok, tier_output_per_mtok)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (model_id, effective_from) do update
				   set input_per_mtok = excluded.input_per_mtok, cached_input_per_mtok = excluded.cached_input_per_mtok,
				       output_per_mtok = excluded.output_per_mtok, tier_above_input_tokens = excluded.tier_above_input_tokens,
				       tier_input_per_mtok = excluded.tier_input_per_mtok,
				       tier_cached_input_per_mtok = excluded.tier_cached_input_per_mtok,
				       tier_output_per_mtok = excluded.tier_output_per_mtok""")
			.params(model.id(), prices.effectiveFrom(), prices.inputPerMtok(), prices.cachedInputPerMtok(),
					prices.outputPerMtok(), tier(prices, 0), tier(prices, 1), tier(prices, 2), tier(prices, 3))
			.update();
		this.audit.recordAsCurrent("PRICE_SET", "version " + key + " from " + prices.effectiveFrom() + ": input "
				+ prices.inputPerMtok() + ", cached " + prices.cachedInputPerMtok() + ", output " + prices.outputPerMtok()
				+ " USD per million tokens"
				+ (prices.tier() == null ? "" : "; above " + prices.tier().aboveInputTokens() + " input tokens: input "
						+ prices.tier().inputPerMtok() + ", cached " + prices.tier().cachedInputPerMtok() + ", output "
						+ prices.tier().outputPerMtok()));
	}

	/** Every price a version has had or will have, newest first. */
	@Transactional(readOnly = true)
	public List<Prices> priceHistory(long modelId) {
		return this.jdbc.sql("""
				select input_per_mtok, cached_input_per_mtok, output_per_mtok, effective_from, tier_above_input_tokens,
				       tier_input_per_mtok, tier_cached_input_per_mtok, tier_output_per_mtok from model_prices
				 where model_id = ? order by effective_from desc""")
			.param(modelId)
			.query((rs, i) -> prices(rs))
			.list();
	}

	public List<String> knownProviders() {
		var names = new java.util.ArrayList<>(this.providers.keySet());
		names.add(ModelVersion.EXTERNAL);
		return names;
	}

	public Optional<ModelProvider> provider(String name) {
		return Optional.ofNullable(this.providers.get(name));
	}

	private static String clip(String s, int max) {
		return s.length() > max ? s.substring(0, max) : s;
	}

	private static String toArrayLiteral(List<String> values) {
		// settings are validated against a strict pattern, so no quoting is needed beyond braces
		return "{" + String.join(",", values) + "}";
	}

	/** Prices from a row with {@code model_prices}' column names. */
	private static Prices prices(ResultSet rs) throws SQLException {
		Long above = rs.getObject("tier_above_input_tokens", Long.class);
		PriceTier tier = above == null ? null
				: new PriceTier(above, rs.getBigDecimal("tier_input_per_mtok"), rs.getBigDecimal("tier_cached_input_per_mtok"),
						rs.getBigDecimal("tier_output_per_mtok"));
		return new Prices(rs.getBigDecimal("input_per_mtok"), rs.getBigDecimal("cached_input_per_mtok"),
				rs.getBigDecimal("output_per_mtok"), rs.getObject("effective_from", LocalDate.class), tier);
	}

	/** The tier's columns in table order (threshold, input, cached, output), null without a tier. */
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
