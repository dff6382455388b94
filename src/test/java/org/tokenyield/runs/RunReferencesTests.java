package org.tokenyield.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;

import org.tokenyield.support.TestRows;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run's prompt, version and import are checked once per statement instead of by foreign
 * keys (R__runs_references.sql): what the keys guaranteed still holds, in one statement
 * of many runs and between two transactions.
 */
@IntegrationTest
class RunReferencesTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	long model;

	long prompt;

	long dataImport;

	@BeforeEach
	void versionPromptAndImport() {
		this.model = newModel("a");
		this.prompt = newPrompt("a");
		this.dataImport = this.jdbc
			.sql("insert into dataset_imports (dataset, format, harness) values ('refs', 'jsonl', 'test') returning id")
			.query(Long.class)
			.single();
	}

	private long newModel(String name) {
		return TestRows.version(this.jdbc, "refs", "external/refs-" + name + "-" + this.tag);
	}

	private long newPrompt(String name) {
		return TestRows.approvedPrompt(this.jdbc, "references " + name + " " + this.tag);
	}

	/**
	 * Two runs in one statement: the first refers to what exists, the second as given.
	 */
	private void insertTwoRuns(long prompt, long model, Long dataImport) {
		this.jdbc
			.sql("""
					insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, import_id,
					                  finished_at, output_tokens, score)
					values (:key || '-0', :okPrompt, :okModel, 'default', 0, 'SUCCEEDED', 'refs', :okImport, now(), 10, 1),
					       (:key || '-1', :prompt, :model, 'default', 1, 'SUCCEEDED', 'refs', cast(:import as bigint), now(),
					        10, 1)""")
			.param("key", "refs-" + this.tag + "-" + UUID.randomUUID())
			.param("okPrompt", this.prompt)
			.param("okModel", this.model)
			.param("okImport", this.dataImport)
			.param("prompt", prompt)
			.param("model", model)
			.param("import", dataImport)
			.update();
	}

	private long runsOfTag() {
		return this.jdbc.sql("select count(*) from runs where idempotency_key like ?")
			.param("refs-" + this.tag + "-%")
			.query(Long.class)
			.single();
	}

	@Test
	void aStatementWithOneRunOfAnUnknownPromptVersionOrImportStoresNone() {
		long unknown = Long.MAX_VALUE - 7;
		assertThatThrownBy(() -> insertTwoRuns(unknown, this.model, this.dataImport))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("runs_prompt_id_fkey")
			.hasMessageContaining("Key (prompt_id)=(" + unknown + ") is not present in table \"prompts\"");
		assertThatThrownBy(() -> insertTwoRuns(this.prompt, unknown, this.dataImport))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("runs_model_id_fkey");
		assertThatThrownBy(() -> insertTwoRuns(this.prompt, this.model, unknown))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("runs_import_id_fkey");
		assertThat(runsOfTag()).isZero();

		insertTwoRuns(this.prompt, this.model, null);
		assertThat(runsOfTag()).as("no import is a reference to nothing, as a null key was").isEqualTo(2);
	}

	@Test
	void aRunPointedAtAnUnknownPromptOrVersionIsRefused() {
		insertTwoRuns(this.prompt, this.model, this.dataImport);
		long other = newPrompt("b");
		String key = "refs-" + this.tag + "-%";
		assertThatThrownBy(() -> this.jdbc.sql("update runs set prompt_id = ? where idempotency_key like ?")
			.params(Long.MAX_VALUE - 9, key)
			.update()).isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("runs_prompt_id_fkey");
		assertThatThrownBy(() -> this.jdbc.sql("update runs set model_id = ? where idempotency_key like ?")
			.params(Long.MAX_VALUE - 9, key)
			.update()).isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("runs_model_id_fkey");
		assertThat(
				this.jdbc.sql("update runs set prompt_id = ? where idempotency_key like ?").params(other, key).update())
			.isEqualTo(2);
	}

	@Test
	void whatRunsReferToIsNotDeletedUntilTheyAreGone() {
		insertTwoRuns(this.prompt, this.model, this.dataImport);
		long unreferenced = newPrompt("c");
		assertThatThrownBy(() -> this.jdbc.sql("delete from prompts where id in (?, ?)")
			.params(unreferenced, this.prompt)
			.update()).isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("runs_prompt_id_fkey")
			.hasMessageContaining("Key (id)=(" + this.prompt + ") is still referenced from table \"runs\"");
		assertThatThrownBy(() -> this.jdbc.sql("delete from model_versions where id = ?").param(this.model).update())
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("runs_model_id_fkey");
		assertThatThrownBy(
				() -> this.jdbc.sql("delete from dataset_imports where id = ?").param(this.dataImport).update())
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("runs_import_id_fkey");
		assertThat(count("prompts", this.prompt) + count("prompts", unreferenced) + count("model_versions", this.model)
				+ count("dataset_imports", this.dataImport))
			.as("nothing deleted, the unreferenced prompt of the refused statement neither")
			.isEqualTo(4);

		this.jdbc.sql("delete from runs where idempotency_key like ?").param("refs-" + this.tag + "-%").update();
		assertThat(this.jdbc.sql("delete from prompts where id in (?, ?)").params(unreferenced, this.prompt).update())
			.isEqualTo(2);
		assertThat(this.jdbc.sql("delete from model_versions where id = ?").param(this.model).update()).isOne();
		assertThat(this.jdbc.sql("delete from dataset_imports where id = ?").param(this.dataImport).update()).isOne();
	}

	/**
	 * The insert locks its prompt first: the delete waits for it, then finds the
	 * committed run.
	 */
	@Test
	void aDeleteWaitsForTheInsertOfARunAndIsRefused() throws Exception {
		try (Connection inserting = this.dataSource.getConnection();
				Connection deleting = this.dataSource.getConnection()) {
			inserting.setAutoCommit(false);
			deleting.setAutoCommit(false);
			insertRun(inserting, "first");
			CompletableFuture<Integer> delete = CompletableFuture.supplyAsync(() -> deletePrompt(deleting));
			awaitLockWait(deleting);
			inserting.commit();
			assertThatThrownBy(() -> delete.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SQLException.class)
				.rootCause()
				.hasMessageContaining("runs_prompt_id_fkey");
			deleting.rollback();
		}
		assertThat(runsOfTag()).isOne();
		assertThat(count("prompts", this.prompt)).isOne();
	}

	/** The delete comes first: the insert waits for it, then finds the prompt gone. */
	@Test
	void anInsertWaitsForTheDeleteOfItsPromptAndIsRefused() throws Exception {
		try (Connection inserting = this.dataSource.getConnection();
				Connection deleting = this.dataSource.getConnection()) {
			inserting.setAutoCommit(false);
			deleting.setAutoCommit(false);
			assertThat(deletePrompt(deleting)).isOne();
			CompletableFuture<Void> insert = CompletableFuture.runAsync(() -> {
				try {
					insertRun(inserting, "second");
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			awaitLockWait(inserting);
			deleting.commit();
			assertThatThrownBy(() -> insert.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SQLException.class)
				.rootCause()
				.hasMessageContaining("runs_prompt_id_fkey");
			inserting.rollback();
		}
		assertThat(runsOfTag()).isZero();
		assertThat(count("prompts", this.prompt)).isZero();
	}

	private void insertRun(Connection connection, String name) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset)
				values (?, ?, ?, 'default', 0, 'QUEUED', 'refs')""")) {
			insert.setString(1, "refs-" + this.tag + "-" + name);
			insert.setLong(2, this.prompt);
			insert.setLong(3, this.model);
			insert.executeUpdate();
		}
	}

	private int deletePrompt(Connection connection) {
		try (PreparedStatement delete = connection.prepareStatement("delete from prompts where id = ?")) {
			delete.setLong(1, this.prompt);
			return delete.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Until the connection's backend waits for a lock another one holds. */
	private void awaitLockWait(Connection waiting) throws Exception {
		int pid = waiting.unwrap(org.postgresql.PGConnection.class).getBackendPID();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!"Lock".equals(this.jdbc.sql("select coalesce(wait_event_type, '') from pg_stat_activity where pid = ?")
			.param(pid)
			.query(String.class)
			.single())) {
			assertThat(System.nanoTime()).as("backend %d never waited for a lock", pid).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private long count(String table, long id) {
		return this.jdbc.sql("select count(*) from " + table + " where id = ?").param(id).query(Long.class).single();
	}

}
