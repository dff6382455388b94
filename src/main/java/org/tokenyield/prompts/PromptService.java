package org.tokenyield.prompts;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tokenyield.accounts.AccountView;
import org.tokenyield.accounts.Role;
import org.tokenyield.grading.GradingRule;
import org.tokenyield.grading.GradingRules;
import org.tokenyield.grading.InvalidGradingRuleException;
import org.tokenyield.prompts.PromptEvents.GradingRuleChanged;
import org.tokenyield.prompts.PromptEvents.PromptApproved;
import org.tokenyield.system.AuditLog;
import org.tokenyield.system.ClientLimits;
import org.tokenyield.system.ConflictException;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.system.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Service
public class PromptService {

	private final PromptRepository prompts;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final List<String> categories;

	private final int submissionsPerHour;

	/** Per client address, whatever the account: many accounts behind one client share it. */
	private final int submissionsPerClientHour;

	private final ClientLimits clientLimits;

	PromptService(PromptRepository prompts, AuditLog audit, ApplicationEventPublisher events, JsonMapper json,
			JdbcClient jdbc, Clock clock, PromptProperties properties, ClientLimits clientLimits) {
		this.clientLimits = clientLimits;
		this.submissionsPerClientHour = properties.limits().submissionsPerClientHour();
		this.prompts = prompts;
		this.audit = audit;
		this.events = events;
		this.json = json;
		this.jdbc = jdbc;
		this.clock = clock;
		this.categories = properties.categories();
		this.submissionsPerHour = properties.limits().submissionsPerHour();
	}

	/** The categories a member may choose from (imports may bring others). */
	public List<String> categories() {
		return this.categories;
	}

	@Transactional
	public PromptView submit(PromptDraft draft, AccountView author) {
		checkSubmissionRate(author);
		this.clientLimits.count("SUBMIT", this.submissionsPerClientHour, java.time.Duration.ofHours(1), "submissions");
		String grader = checkedGrader(draft.grader());
		checkCategory(draft.category());
		rejectDuplicate(draft.text(), null, author);
		Prompt prompt = new Prompt(null, draft.title().strip(), draft.text(), draft.category(), null, grader,
				author.id(), "community", this.clock.instant());
		this.prompts.saveAndFlush(prompt);
		this.audit.record(author.id(), "SUBMITTED", prompt.id(), null);
		return view(prompt);
	}

	/** Validates a draft without saving it: the preview of the submit form. */
	public void check(PromptDraft draft, AccountView author) {
		checkedGrader(draft.grader());
		checkCategory(draft.category());
		rejectDuplicate(draft.text(), null, author);
	}

	@Transactional
	public PromptView editPending(long id, PromptDraft draft, AccountView author) {
		Prompt prompt = load(id);
		if (prompt.authorId() == null || prompt.authorId() != author.id()) {
			throw new AccessDeniedException("Only the author edits a pending prompt");
		}
		String grader = checkedGrader(draft.grader());
		checkCategory(draft.category());
		rejectDuplicate(draft.text(), id, author);
		prompt.editPending(draft.title().strip(), draft.text(), draft.category(), grader, this.clock.instant());
		this.prompts.flush();
		this.audit.record(author.id(), "EDITED", id, null);
		return view(prompt);
	}

	@Transactional
	public PromptView approve(long id, AccountView maintainer) {
		Prompt prompt = load(id);
		prompt.approve(this.clock.instant());
		this.prompts.flush();
		this.audit.record(maintainer.id(), "APPROVED", id, null);
		this.events.publishEvent(new PromptApproved(id));
		return view(prompt);
	}

	@Transactional
	public PromptView reject(long id, String reason, AccountView maintainer) {
		if (reason == null || reason.isBlank() || reason.length() > 1000) {
			throw new InvalidInputException("reason", "is required (at most 1000 characters)");
		}
		Prompt prompt = load(id);
		prompt.reject(reason.strip(), this.clock.instant());
		this.prompts.flush();
		this.audit.record(maintainer.id(), "REJECTED", id, reason.strip());
		return view(prompt);
	}

	@Transactional
	public PromptView retire(long id, AccountView maintainer) {
		Prompt prompt = load(id);
		prompt.retire(this.clock.instant());
		this.prompts.flush();
		this.audit.record(maintainer.id(), "RETIRED", id, null);
		return view(prompt);
	}

	@Transactional
	public PromptView merge(long id, long into, AccountView maintainer) {
		Prompt target = load(into);
		Prompt prompt = load(id);
		if (target.mergedIntoId() != null) {
			throw new ConflictException("into", "Prompt " + into + " was itself merged; merge into " + target.mergedIntoId());
		}
		prompt.mergeInto(into, this.clock.instant());
		this.prompts.flush();
		this.audit.record(maintainer.id(), "MERGED", id, "into #" + into);
		return view(prompt);
	}

	/** A maintainer's correction of category, difficulty or grading rule. */
	@Transactional
	public PromptView moderate(long id, String category, String difficulty, Map<String, Object> grader,
			AccountView maintainer) {
		Prompt prompt = load(id);
		String newGrader = grader == null ? prompt.grader() : checkedGrader(grader);
		String newCategory = category == null || category.isBlank() ? prompt.category() : category;
		checkCategory(newCategory);
		String newDifficulty = difficulty == null || difficulty.isBlank() ? null : difficulty;
		if (newDifficulty != null && !List.of("easy", "medium", "hard").contains(newDifficulty)) {
			throw new InvalidInputException("difficulty", "must be easy, medium or hard");
		}
		boolean graderChanged = !parse(newGrader).equals(storedRule(prompt.grader()));
		List<String> changes = new java.util.ArrayList<>();
		if (!newCategory.equals(prompt.category())) {
			changes.add("category " + prompt.category() + " → " + newCategory);
		}
		if (!java.util.Objects.equals(newDifficulty, prompt.difficulty())) {
			changes.add("difficulty " + prompt.difficulty() + " → " + newDifficulty);
		}
		if (graderChanged) {
			changes.add("grader " + prompt.grader() + " → " + newGrader);
		}
		prompt.moderate(newCategory, newDifficulty, newGrader, this.clock.instant());
		this.prompts.flush();
		if (!changes.isEmpty()) {
			this.audit.record(maintainer.id(), "EDITED_BY_MAINTAINER", id, String.join("; ", changes));
		}
		if (graderChanged) {
			this.events.publishEvent(new GradingRuleChanged(id));
		}
		return view(prompt);
	}

	/** Public once approved (or retired, to keep old results explainable); the author and maintainers see it before. */
	@Transactional(readOnly = true)
	public PromptView viewFor(long id, Optional<AccountView> viewer) {
		Prompt prompt = this.prompts.findById(id).orElseThrow(() -> new NotFoundException("No prompt " + id));
		boolean visible = prompt.status() == PromptStatus.APPROVED || prompt.status() == PromptStatus.RETIRED
				|| viewer.map(v -> Long.valueOf(v.id()).equals(prompt.authorId()) || v.role() != Role.MEMBER).orElse(false);
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
		return parse(load(id).grader());
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
		return this.jdbc.sql("select id from prompts where status = 'APPROVED' order by id").query(Long.class).list();
	}

	/** Ids of the prompts with these keys (an import resolves a batch's keys in one query); unknown keys are absent. */
	@Transactional(readOnly = true)
	public Map<String, Long> idsByKey(Collection<String> keys) {
		Map<String, Long> ids = new LinkedHashMap<>();
		this.jdbc.sql("select prompt_key, id from prompts where prompt_key = any(?)")
			.param(keys.toArray(String[]::new))
			.query(rs -> {
				ids.put(rs.getString(1), rs.getLong(2));
			});
		return ids;
	}

	/**
	 * The prompt an imported result refers to: by key, else by text, else a new approved prompt
	 * (imports come from a maintainer, who vouches for them).
	 */
	@Transactional
	public long findOrCreateImported(String key, String text, String category, String dataset, AccountView maintainer) {
		Optional<Prompt> byKey = this.prompts.findByKey(key);
		if (byKey.isPresent()) {
			return byKey.get().id();
		}
		if (text != null && !text.isBlank()) {
			Optional<Prompt> byText = this.prompts.findLiveByTextHash(PromptText.hash(text));
			if (byText.isPresent()) {
				return byText.get().id();
			}
		}
		if (text == null || text.isBlank()) {
			throw new InvalidInputException("prompt_text", "is required for a prompt key this instance does not know");
		}
		String title = text.strip().lines().findFirst().orElse(key);
		Prompt prompt = new Prompt(key, title.length() > 120 ? title.substring(0, 117) + "..." : title, text, category,
				null, toJson(Map.of("type", "judge", "rubric", "Imported: scored by the source harness")),
				maintainer == null ? null : maintainer.id(), dataset, this.clock.instant());
		prompt.approve(this.clock.instant());
		this.prompts.saveAndFlush(prompt);
		this.audit.record(maintainer == null ? null : maintainer.id(), "IMPORTED", prompt.id(), "dataset " + dataset);
		return prompt.id();
	}

	// --- starter prompts ---

	@Transactional
	int loadStarter(Collection<StarterPrompt> starters) {
		if (this.prompts.countBySource("starter") > 0) {
			return 0;
		}
		int loaded = 0;
		for (StarterPrompt s : starters) {
			Prompt prompt = new Prompt(s.key(), s.title(), s.text(), s.category(), s.difficulty(), checkedGrader(s.grader()),
					null, "starter", this.clock.instant());
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

	private Prompt load(long id) {
		return this.prompts.findById(id).orElseThrow(() -> new NotFoundException("No prompt " + id));
	}

	/**
	 * The existing prompt is named only to whom may see it (public, their own, or a maintainer):
	 * otherwise the answer would reveal someone else's unpublished prompt.
	 */
	private void rejectDuplicate(String text, Long self, AccountView actor) {
		this.prompts.findLiveByTextHash(PromptText.hash(text))
			.filter(p -> !p.id().equals(self))
			.ifPresent(p -> {
				boolean visible = p.status() == PromptStatus.APPROVED || p.status() == PromptStatus.RETIRED
						|| (actor != null && (actor.role() != Role.MEMBER || Long.valueOf(actor.id()).equals(p.authorId())));
				throw new ConflictException("text",
						visible ? "The same prompt text already exists (prompt #" + p.id() + ")"
								: "The same prompt text already exists");
			});
	}

	/** Members submit at most N prompts an hour (counted in the database, so it holds across instances). */
	private void checkSubmissionRate(AccountView author) {
		if (author.role() != Role.MEMBER) {
			return;
		}
		long recent = this.jdbc.sql("select count(*) from prompts where author_id = ? and created_at > now() - interval '1 hour'")
			.param(author.id())
			.query(Long.class)
			.single();
		if (recent >= this.submissionsPerHour) {
			throw new org.tokenyield.system.TooManyRequestsException(
					"At most " + this.submissionsPerHour + " submissions an hour; try again later.",
					java.time.Duration.ofMinutes(10));
		}
	}

	private void checkCategory(String category) {
		if (category == null || !this.categories.contains(category)) {
			throw new InvalidInputException("category", "must be one of " + this.categories);
		}
	}

	private String checkedGrader(Map<String, ?> grader) {
		try {
			String json = toJson(GradingRules.toMap(GradingRules.parse(grader)));
			if (json.contains("\\u0000")) { // jsonb cannot hold NUL
				throw new InvalidInputException("grader", "must not contain NUL characters");
			}
			return json;
		}
		catch (InvalidGradingRuleException ex) {
			throw new InvalidInputException("The grading rule is invalid: " + ex.fieldErrors(), ex.fieldErrors());
		}
	}

	private String toJson(Map<String, Object> map) {
		return this.json.writeValueAsString(new LinkedHashMap<>(map));
	}

	private Map<String, Object> graderMap(String grader) {
		return this.json.readValue(grader, new TypeReference<Map<String, Object>>() {
		});
	}

	/** A stored rule, or null when today's constraints refuse it (a pattern stored before RE2). */
	private GradingRule storedRule(String grader) {
		try {
			return parse(grader);
		}
		catch (InvalidGradingRuleException ex) {
			return null;
		}
	}

	private GradingRule parse(String grader) {
		return GradingRules.parse(graderMap(grader));
	}

	private PromptView view(Prompt p) {
		return views(List.of(p)).get(0);
	}

	/** Views of a list, with the authors' names read in one query rather than one per prompt. */
	private List<PromptView> views(List<Prompt> list) {
		Long[] authorIds = list.stream().map(Prompt::authorId).filter(java.util.Objects::nonNull).distinct().toArray(Long[]::new);
		Map<Long, String> authors = new java.util.HashMap<>();
		if (authorIds.length > 0) {
			this.jdbc.sql("select id, username from accounts where id = any(?)")
				.param(authorIds)
				.query(rs -> {
					authors.put(rs.getLong(1), rs.getString(2));
				});
		}
		return list.stream()
			.map(p -> new PromptView(p.id(), p.key(), p.title(), p.text(), p.category(), p.difficulty(),
					graderMap(p.grader()), p.status(), p.rejectReason(), p.authorId(), authors.get(p.authorId()),
					p.source(), p.mergedIntoId(), p.createdAt(), p.approvedAt()))
			.toList();
	}

}
