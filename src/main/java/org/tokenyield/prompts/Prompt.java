package org.tokenyield.prompts;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.tokenyield.system.ConflictException;
import org.tokenyield.system.InvalidInputException;

/**
 * A prompt and its grading rule. Moves only through guarded transitions; the database's
 * check constraints say the same (a rejection has a reason, an approval a time).
 */
@Entity
@Table(name = "prompts")
class Prompt {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "prompt_key")
	private String key;

	private String title;

	private String text;

	@Column(name = "text_hash")
	private String textHash;

	private String category;

	private String difficulty;

	/** The grading rule as JSON (see the grading package for its shape). */
	private String grader;

	@Enumerated(EnumType.STRING)
	private PromptStatus status;

	@Column(name = "reject_reason")
	private String rejectReason;

	@Column(name = "author_id")
	private Long authorId;

	@Column(name = "merged_into_id")
	private Long mergedIntoId;

	private String source;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Column(name = "approved_at")
	private Instant approvedAt;

	@Version
	private long version;

	protected Prompt() {
	}

	Prompt(String key, String title, String text, String category, String difficulty, String grader, Long authorId,
			String source, Instant now) {
		this.key = key;
		this.title = title;
		setText(text);
		this.category = category;
		this.difficulty = difficulty;
		this.grader = grader;
		this.authorId = authorId;
		this.source = source;
		this.status = PromptStatus.PENDING;
		this.createdAt = now;
		this.updatedAt = now;
	}

	void approve(Instant now) {
		require(PromptStatus.PENDING, "approve");
		this.status = PromptStatus.APPROVED;
		this.approvedAt = now;
		this.rejectReason = null;
		this.updatedAt = now;
	}

	void reject(String reason, Instant now) {
		require(PromptStatus.PENDING, "reject");
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "is required");
		}
		this.status = PromptStatus.REJECTED;
		this.rejectReason = reason;
		this.updatedAt = now;
	}

	void retire(Instant now) {
		if (this.status != PromptStatus.APPROVED && this.status != PromptStatus.PENDING) {
			throw new ConflictException(null,
					"Only a pending or approved prompt can be retired; this one is " + this.status);
		}
		this.status = PromptStatus.RETIRED;
		this.updatedAt = now;
	}

	void mergeInto(long target, Instant now) {
		if (target == this.id) {
			throw new InvalidInputException("into", "A prompt cannot be merged into itself");
		}
		this.mergedIntoId = target;
		retire(now);
	}

	/** The author edits a prompt while it waits for moderation. */
	void editPending(String title, String text, String category, String grader, Instant now) {
		require(PromptStatus.PENDING, "edit");
		this.title = title;
		setText(text);
		this.category = category;
		this.grader = grader;
		this.updatedAt = now;
	}

	/**
	 * A maintainer may correct these at any time; a new grader regrades stored answers.
	 */
	void moderate(String category, String difficulty, String grader, Instant now) {
		this.category = category;
		this.difficulty = difficulty;
		this.grader = grader;
		this.updatedAt = now;
	}

	private void setText(String text) {
		this.text = text;
		this.textHash = PromptText.hash(text);
	}

	private void require(PromptStatus expected, String action) {
		if (this.status != expected) {
			throw new ConflictException(null, "Cannot " + action + " a prompt that is " + this.status);
		}
	}

	Long id() {
		return this.id;
	}

	String key() {
		return this.key;
	}

	String title() {
		return this.title;
	}

	String text() {
		return this.text;
	}

	String textHash() {
		return this.textHash;
	}

	String category() {
		return this.category;
	}

	String difficulty() {
		return this.difficulty;
	}

	String grader() {
		return this.grader;
	}

	PromptStatus status() {
		return this.status;
	}

	/**
	 * Whether readers see it: approved, or retired after approval (old results stay
	 * explainable). The same rule as {@code prompt_facts.published} (V29), which the SQL
	 * of runs and other modules reads.
	 */
	boolean published() {
		return (this.status == PromptStatus.APPROVED || this.status == PromptStatus.RETIRED) && this.approvedAt != null;
	}

	String rejectReason() {
		return this.rejectReason;
	}

	Long authorId() {
		return this.authorId;
	}

	Long mergedIntoId() {
		return this.mergedIntoId;
	}

	String source() {
		return this.source;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	Instant approvedAt() {
		return this.approvedAt;
	}

}
