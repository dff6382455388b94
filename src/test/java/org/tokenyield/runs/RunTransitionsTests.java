package org.tokenyield.runs;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;

import org.tokenyield.support.TestRows;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one writer of run status on the real database: guarded moves, and what a stale
 * worker may not do.
 */
@IntegrationTest
class RunTransitionsTests {

	@Autowired
	RunTransitions transitions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	long model;

	long prompt;

	@BeforeEach
	void versionAndPrompt() {
		this.model = TestRows.version(this.jdbc, "transitions", "external/transitions-" + this.tag);
		this.prompt = TestRows.approvedPrompt(this.jdbc, "transitions prompt " + this.tag);
	}

	/** A run in the given status, due in a year so that no worker claims it meanwhile. */
	private long run(int sample, String status) {
		return this.jdbc
			.sql("""
					insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, next_attempt_at,
					                  finished_at)
					values (?, ?, ?, 'default', ?, ?, 'transitions', now() + interval '365 days',
					        case when ? = 'SUCCEEDED' then now() end) returning id""")
			.params("transitions-" + this.tag + "-" + sample, this.prompt, this.model, sample, status, status)
			.query(Long.class)
			.single();
	}

	private String status(long run) {
		return this.jdbc.sql("select status || '/' || attempts from runs where id = ?")
			.param(run)
			.query(String.class)
			.single();
	}

	@Test
	void startingAFinishedRunThrowsAndStartsNothing() {
		long queued = run(0, "QUEUED");
		long done = run(1, "SUCCEEDED");
		assertThatThrownBy(() -> this.tx.executeWithoutResult(
				s -> this.transitions.start(List.of(queued, done), "owner-" + this.tag, Duration.ofMinutes(1))))
			.isInstanceOf(IllegalRunTransitionException.class)
			.hasMessage("a run cannot move from SUCCEEDED to RUNNING");
		assertThat(status(queued)).isEqualTo("QUEUED/0");
		assertThat(status(done)).isEqualTo("SUCCEEDED/0");
	}

	@Test
	void aWorkerThatLostItsRunChangesNothing() {
		long id = run(0, "QUEUED");
		this.transitions.start(List.of(id), "owner-" + this.tag, Duration.ofMinutes(1));
		assertThat(status(id)).isEqualTo("RUNNING/1");
		// the instance shut down: the run goes back, keeping its attempt count
		assertThat(this.transitions.giveBack("owner-" + this.tag)).isEqualTo(1);
		assertThat(status(id)).isEqualTo("QUEUED/1");
		// the worker that held it finishes late: not its run any more
		assertThat(this.transitions.fail(id, "late", null)).isFalse();
		assertThat(this.transitions.retryLater(id, "late", Duration.ofSeconds(1), null)).isFalse();
		assertThat(status(id)).isEqualTo("QUEUED/1");
		this.transitions.start(List.of(id), "owner-" + this.tag, Duration.ofMinutes(1));
		assertThat(this.transitions.fail(id, "final", null)).isTrue();
		assertThat(status(id)).isEqualTo("FAILED/2");
		assertThat(this.transitions.fail(id, "again", null)).isFalse();
	}

}
