package org.tokenyield.catalog;

import java.time.LocalDate;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class CatalogService {

	private final CatalogRepository repository;

	private final Map<String, ModelProvider> providers = new LinkedHashMap<>();

	private final ApplicationEventPublisher events;

	private final AuditLog audit;

	CatalogService(CatalogRepository repository, List<ModelProvider> providers, ApplicationEventPublisher events,
			AuditLog audit) {
		this.audit = audit;
		this.repository = repository;
		providers.forEach(p -> this.providers.put(p.name(), p));
		this.events = events;
	}

	@Transactional(readOnly = true)
	public List<ModelVersion> all() {
		return this.repository.all();
	}

	@Transactional(readOnly = true)
	public Optional<ModelVersion> find(String key) {
		return this.repository.find(key);
	}

	@Transactional(readOnly = true)
	public Optional<ModelVersion> find(long id) {
		return this.repository.find(id);
	}

	public ModelVersion require(String key) {
		return find(key).orElseThrow(() -> new NotFoundException("No model version '" + key + "'"));
	}

	/**
	 * Saves a version after checking each setting with its provider; publishes
	 * {@link ModelVersionAdded}.
	 */
	@Transactional
	public ModelVersion add(NewModelVersion cmd) {
		if (find(cmd.key()).isPresent()) {
			throw new ConflictException("key", "A model version '" + cmd.key() + "' already exists");
		}
		String provider = cmd.provider();
		// an external version keeps the name its results came with, as an import's does
		if (!ModelVersion.EXTERNAL.equals(provider) && !cmd.key().startsWith(provider + "/")) {
			throw new InvalidInputException("key", "must start with the provider's name: '" + provider + "/...'");
		}
		String apiModel = cmd.apiModel() == null || cmd.apiModel().isBlank()
				? cmd.key().substring(provider.length() + 1) : cmd.apiModel();
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
		long id = this.repository.insert(cmd, predecessorId, apiModel, simulated, samples);
		Prices prices = cmd.prices() == null ? Prices.FREE : cmd.prices();
		this.repository.insertPrice(id, prices,
				prices.effectiveFrom() == null ? LocalDate.of(2000, 1, 1) : prices.effectiveFrom());
		ModelVersion saved = find(id).orElseThrow();
		this.audit.recordAsCurrent("MODEL_ADDED",
				"version " + saved.key() + " (" + saved.provider() + ", settings " + saved.settings() + ")");
		this.events.publishEvent(new ModelVersionAdded(saved.id(), saved.key()));
		return saved;
	}

	/**
	 * The version an import names, created as {@code external} when unknown (API.md:
	 * imported results never schedule calls).
	 */
	@Transactional
	public ModelVersion findOrCreateExternal(String key) {
		return find(key).orElseGet(() -> {
			String name = key.contains("/") ? key.substring(key.indexOf('/') + 1) : key;
			// the family is the name without its version number; both fit their columns
			// (a key may be longer)
			String family = name.replaceAll("[-_.]?[0-9][0-9.\\-]*$", "");
			this.repository.insertExternal(key, clip(family.isEmpty() ? name : family, 80), clip(name, 120));
			return require(key);
		});
	}

	/** Adds a setting a version was imported with, so figures list it among its sweep. */
	@Transactional
	public void ensureSetting(long modelId, String setting) {
		this.repository.addSetting(modelId, setting);
	}

	/**
	 * A new price for a version from a date on; runs stamp the price in force on their
	 * day.
	 */
	@Transactional
	public void addPrice(String key, Prices prices) {
		ModelVersion model = require(key);
		if (prices.effectiveFrom() == null) {
			throw new InvalidInputException("effective_from", "is required");
		}
		this.repository.savePrice(model.id(), prices);
		this.audit.recordAsCurrent("PRICE_SET",
				"version " + key + " from " + prices.effectiveFrom() + ": input " + prices.inputPerMtok() + ", cached "
						+ prices.cachedInputPerMtok() + ", output " + prices.outputPerMtok() + " USD per million tokens"
						+ (prices.tier() == null ? "" : "; above " + prices.tier().aboveInputTokens()
								+ " input tokens: input " + prices.tier().inputPerMtok() + ", cached "
								+ prices.tier().cachedInputPerMtok() + ", output " + prices.tier().outputPerMtok()));
	}

	/** Every price a version has had or will have, newest first. */
	@Transactional(readOnly = true)
	public List<Prices> priceHistory(long modelId) {
		return this.repository.priceHistory(modelId);
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

}
