package org.tokenyield.prompts;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tokenyield.accounts.AccountView;
import org.tokenyield.accounts.Role;
import org.tokenyield.grading.GradingRule;
import org.tokenyield.prompts.PromptEvents.PromptApproved;
import org.tokenyield.system.AuditLog;
import org.tokenyield.system.ClientLimits;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.system.NotFoundException;
import org.tokenyield.system.TooManyRequestsException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class PromptService {

	private final PromptRepository prompts;

	private final PromptRules rules;

	private final PromptViews views;

	private final PromptQuery query;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final int submissionsPerHour;

	/**
	 * Per client address, whatever the account: many accounts behind one client share it.
	 */
	private final int submissionsPerClientHour;

	private final ClientLimits clientLimits;

	private final int previewsPerHour;

	private final int previewsPerClientHour;

	/** The grading rule of an imported prompt (the same JSON for each, written once). */
	private final String importedGrader;

	PromptService(PromptRepository prompts, PromptRules rules, PromptViews views, PromptQuery query, AuditLog audit,
			ApplicationEventPublisher events, Clock clock, PromptProperties properties, ClientLimits clientLimits) {
		this.clientLimits = clientLimits;
		this.submissionsPerClientHour = properties.limits().submissionsPerClientHour();
		this.prompts = prompts;
		this.rules = rules;
		this.views = views;
		this.query = query;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.submissionsPerHour = properties.limits().submissionsPerHour();
		this.previewsPerHour = properties.limits().previewsPerHour();
		this.previewsPerClientHour = properties.limits().previewsPerClientHour();
		this.importedGrader = rules.toJson(Map.of("type", "judge", "rubric", "Imported: scored by the source harness"));
	}

	/** The categories a member may choose from (imports may bring others). */
	public List<String> categories() {
		return this.rules.categories();
	}

	@Transactional
	public PromptView submit(PromptDraft draft, AccountView author) {
		checkSubmissionRate(author);
		this.clientLimits.count("SUBMIT", this.submissionsPerClientHour, Duration.ofHours(1), "submissions");
		String grader = this.rules.checkedGrader(draft.grader());
		this.rules.checkCategory(draft.category());
		this.rules.rejectDuplicate(draft.text(), null, author);
		Prompt prompt = new Prompt(null, draft.title().strip(), draft.text(), draft.category(), null, grader,
				author.id(), "community", this.clock.instant());
		this.prompts.saveAndFlush(prompt);
		this.audit.record(author.id(), "SUBMITTED", prompt.id(), null);
		return view(prompt);
	}

	/**
	 * Validates a draft without saving it: the preview of the submit form. Counted first,
	 * per member and per client, so that the duplicate check cannot be asked without
	 * limit whether a text exists.
	 */
	public void check(PromptDraft draft, AccountView author) {
		if (author != null && author.role() == Role.MEMBER) {
			this.clientLimits.countForAccount("PREVIEW", author.id(), this.previewsPerHour, Duration.ofHours(1),
					"previews");
		}
		this.clientLimits.count("PREVIEW", this.previewsPerClientHour, Duration.ofHours(1), "previews");
		this.rules.checkedGrader(draft.grader());
		this.rules.checkCategory(draft.category());
		this.rules.rejectDuplicate(draft.text(), null, author);
	}

	@Transactional
	public PromptView editPending(long id, PromptDraft draft, AccountView author) {
		Prompt prompt = load(id);
		if (prompt.authorId() == null || prompt.authorId() != author.id()) {
			// a prompt she may not see answers as a missing one (404), so that the
			// refusal does not tell that it exists
			viewFor(id, Optional.of(author));
			throw new AccessDeniedException("Only the author edits a pending prompt");
		}
		String grader = this.rules.checkedGrader(draft.grader());
		this.rules.checkCategory(draft.category());
		this.rules.rejectDuplicate(draft.text(), id, author);
		prompt.editPending(draft.title().strip(), draft.text(), draft.category(), grader, this.clock.instant());
		this.prompts.flush();
		this.audit.record(author.id(), "EDITED", id, null);
		return view(prompt);
	}

	/**
	 * Public once published ({@link Prompt#published()}: approved, or retired after
	 * approval); the author and maintainers see it before, and whatever becomes of it.
	 */
	@Transactional(readOnly = true)
	public PromptView viewFor(long id, Optional<AccountView> viewer) {
		Prompt prompt = this.prompts.findById(id).orElseThrow(() -> new NotFoundException("No prompt " + id));
		boolean visible = prompt.published()
				|| viewer.map(v -> Long.valueOf(v.id()).equals(prompt.authorId()) || v.role() != Role.MEMBER)
					.orElse(false);
		if (!visible) {
			throw new NotFoundException("No prompt " + id);
		}
		return view(prompt);
	}

	/** For features that run prompts: no visibility check. */
	@Transactional(readOnly = true)
	public Optional<PromptView> find(long id) {
		return this.prompts.findById(id).map(this::view);
	}

	@Transactional(readOnly = true)
	public GradingRule gradingRule(long id) {
		return this.rules.parse(load(id).grader());
	}

	@Transactional(readOnly = true)
	public List<PromptView> byStatus(PromptStatus status) {
		return views(this.prompts.findByStatus(status));
	}

	@Transactional(readOnly = true)
	public List<PromptView> byAuthor(long authorId) {
		return views(this.prompts.findByAuthor(authorId));
	}

	@Transactional(readOnly = true)
	public List<Long> approvedIds() {
		return this.query.approvedIds();
	}

	/**
	 * Ids of the approved prompts with these keys (an import resolves a batch's keys in
	 * one query); other keys are absent.
	 */
	@Transactional(readOnly = true)
	public Map<String, Long> idsByKey(Collection<String> keys) {
		return this.query.idsByKey(keys);
	}

	/** A prompt an imported line names: its key, its text (null: none) and category. */
	public record ImportedPrompt(String key, String text, String category) {
	}

	/**
	 * What an import found for one prompt: its id and whether the import created it, or
	 * (id null) why it refuses the prompt's lines.
	 */
	public record ImportedPromptId(Long id, boolean created, InvalidInputException refusal) {
	}

	/**
	 * The prompts imported results refer to, each by key, else by text, else a new
	 * approved prompt (imports come from a maintainer, who vouches for them). A prompt
	 * found that is not approved is refused: a pending prompt's results would show before
	 * its moderation, and a retired one has left the benchmark. One transaction, two
	 * lookups and one insert for the list: an import of a community benchmark brings
	 * thousands of new prompts at once (the caller keeps lists to a few hundred, as the
	 * prompts found are held by the persistence context).
	 */
	@Transactional
	public List<ImportedPromptId> findOrCreateImported(List<ImportedPrompt> wanted, String dataset,
			AccountView maintainer) {
		// every lookup of the list first, in two queries, and every creation in one
		// statement at the end: one round trip per prompt was most of an import of a
		// benchmark's prompts (docs/benchmark.md, "the prompts of an import")
		Map<String, Prompt> byKey = new HashMap<>();
		this.prompts.findByKeyIn(wanted.stream().map(ImportedPrompt::key).toList()).forEach(p -> byKey.put(p.key(), p));
		Map<String, Prompt> byText = new HashMap<>();
		this.prompts
			.findLiveByTextHashIn(wanted.stream()
				.map(ImportedPrompt::text)
				.filter(t -> t != null && !t.isBlank())
				.map(PromptText::hash)
				.distinct()
				.toList())
			.forEach(p -> byText.put(p.textHash(), p));
		List<Prompt> found = new ArrayList<>(wanted.size());
		List<InvalidInputException> refusals = new ArrayList<>(wanted.size());
		List<Prompt> created = new ArrayList<>();
		for (ImportedPrompt w : wanted) {
			Prompt prompt = null;
			InvalidInputException refusal = null;
			try {
				prompt = findImported(byKey.get(w.key()), byText, w.text());
				if (prompt == null) {
					prompt = newImported(w, dataset, maintainer);
					created.add(prompt);
					// found by the next of the list with the same key or text
					byKey.put(prompt.key(), prompt);
					byText.put(prompt.textHash(), prompt);
				}
			}
			catch (InvalidInputException ex) {
				refusal = ex;
			}
			found.add(prompt);
			refusals.add(refusal);
		}
		Map<String, Long> createdIds = this.query.insertApproved(created);
		List<Long> ids = created.stream().map(p -> createdIds.get(p.textHash())).toList();
		this.audit.recordAll(maintainer == null ? null : maintainer.id(), "IMPORTED", ids, "dataset " + dataset);
		Set<Prompt> made = Collections.newSetFromMap(new IdentityHashMap<>());
		List<ImportedPromptId> out = new ArrayList<>(wanted.size());
		for (int i = 0; i < wanted.size(); i++) {
			Prompt prompt = found.get(i);
			if (prompt == null) {
				out.add(new ImportedPromptId(null, false, refusals.get(i)));
			}
			else if (prompt.id() != null) {
				out.add(new ImportedPromptId(prompt.id(), false, null));
			}
			else {
				// the first line of a created prompt created it; the next ones found it
				out.add(new ImportedPromptId(createdIds.get(prompt.textHash()), made.add(prompt), null));
			}
		}
		return out;
	}

	/** A new approved prompt of an import, not stored yet. */
	private Prompt newImported(ImportedPrompt w, String dataset, AccountView maintainer) {
		String title = w.text().strip().lines().findFirst().orElse(w.key());
		Prompt prompt = new Prompt(w.key(), title.length() > 120 ? title.substring(0, 117) + "..." : title, w.text(),
				w.category(), null, this.importedGrader, maintainer == null ? null : maintainer.id(), dataset,
				this.clock.instant());
		prompt.approve(this.clock.instant());
		return prompt;
	}

	/**
	 * The approved prompt an imported line names, by its key or else its text; empty when
	 * the import would create one. Refuses, as {@link #findOrCreateImported} does, a
	 * prompt that is not approved or an unknown key without text. Writes nothing (an
	 * import's preview).
	 */
	@Transactional(readOnly = true)
	public Optional<Long> findImported(String key, String text) {
		Map<String, Prompt> byText = new HashMap<>();
		if (text != null && !text.isBlank()) {
			this.prompts.findLiveByTextHash(PromptText.hash(text)).ifPresent(p -> byText.put(p.textHash(), p));
		}
		return Optional.ofNullable(findImported(this.prompts.findByKey(key).orElse(null), byText, text))
			.map(Prompt::id);
	}

	/**
	 * The rule of {@link #findImported(String, String)} on prompts already looked up:
	 * {@code byKey} the prompt of the line's key (null: none), {@code byText} the live
	 * prompts by text hash; null when the import would create one.
	 */
	private static Prompt findImported(Prompt byKey, Map<String, Prompt> byText, String text) {
		if (byKey != null) {
			requireApprovedForImport(byKey, "prompt_key");
			return byKey;
		}
		if (text == null || text.isBlank()) {
			throw new InvalidInputException("prompt_text", "is required for a prompt key this instance does not know");
		}
		Prompt sameText = byText.get(PromptText.hash(text));
		if (sameText != null) {
			requireApprovedForImport(sameText, "prompt_text");
		}
		return sameText;
	}

	// --- starter prompts ---

	@Transactional
	int loadStarter(Collection<StarterPrompt> starters) {
		if (this.prompts.countBySource("starter") > 0) {
			return 0;
		}
		int loaded = 0;
		for (StarterPrompt s : starters) {
			Prompt prompt = new Prompt(s.key(), s.title(), s.text(), s.category(), s.difficulty(),
					this.rules.checkedGrader(s.grader()), null, "starter", this.clock.instant());
			prompt.approve(this.clock.instant());
			this.prompts.save(prompt);
			this.prompts.flush();
			this.audit.record(null, "STARTER_LOADED", prompt.id(), s.key());
			this.events.publishEvent(new PromptApproved(prompt.id()));
			loaded++;
		}
		return loaded;
	}

	// --- helpers ---

	private static void requireApprovedForImport(Prompt prompt, String field) {
		if (prompt.status() != PromptStatus.APPROVED) {
			throw new InvalidInputException(field, "matches prompt #" + prompt.id() + ", which is not approved ("
					+ prompt.status().name().toLowerCase(java.util.Locale.ROOT) + ")");
		}
	}

	private Prompt load(long id) {
		return this.prompts.findById(id).orElseThrow(() -> new NotFoundException("No prompt " + id));
	}

	/**
	 * Members submit at most N prompts an hour (counted in the database, so it holds
	 * across instances).
	 */
	private void checkSubmissionRate(AccountView author) {
		if (author.role() != Role.MEMBER) {
			return;
		}
		if (this.query.submittedInLastHour(author.id()) >= this.submissionsPerHour) {
			throw new TooManyRequestsException(
					"At most " + this.submissionsPerHour + " submissions an hour; try again later.",
					Duration.ofMinutes(10));
		}
	}

	private PromptView view(Prompt p) {
		return this.views.view(p);
	}

	private List<PromptView> views(List<Prompt> list) {
		return this.views.views(list);
	}

}
