package org.tokenyield.analytics.freshness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;

import org.tokenyield.support.TestRows;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that commits while a new version is being made is never left out of every
 * version: the version waits for its commit, or the summary stays marked stale.
 */
@IntegrationTest
class StaleMarkTests {

	@Autowired
	SummaryVersionRepository versions;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	/**
	 * The summary is already marked stale (by an earlier write) when a run's trigger
	 * marks it: a version made before the run commits must not clear that mark for it.
	 */
	@Test
	void aVersionMadeWhileARunCommitsComesAfterItOrLeavesTheMark() throws Exception {
		long model = TestRows.version(this.jdbc, "stale", "external/stale-" + this.tag);
		long prompt = TestRows.approvedPrompt(this.jdbc, "stale mark " + this.tag);
		this.versions.markStale();
		Instant committedAfter;
		CompletableFuture<Instant> made;
		try (Connection writer = this.dataSource.getConnection()) {
			writer.setAutoCommit(false);
			try (PreparedStatement insert = writer.prepareStatement(
					"""
							insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, finished_at,
							                  output_tokens, score)
							values (?, ?, ?, 'default', 0, 'SUCCEEDED', 'stale', now(), 10, 1)""")) {
				insert.setString(1, "stale-" + this.tag);
				insert.setLong(2, prompt);
				insert.setLong(3, model);
				insert.executeUpdate();
			}
			made = CompletableFuture.supplyAsync(() -> this.versions.newVersion(false));
			try {
				// made at once before the fix; waits for the writer's commit after it
				made.get(1, TimeUnit.SECONDS);
			}
			catch (TimeoutException waiting) {
				// the version waits for the run
			}
			try (PreparedStatement clock = writer.prepareStatement("select clock_timestamp()");
					ResultSet now = clock.executeQuery()) {
				now.next();
				committedAfter = now.getTimestamp(1).toInstant();
			}
			writer.commit();
		}
		made.get(30, TimeUnit.SECONDS);
		boolean stale = this.jdbc.sql("select stale from analytics_state where id = 1").query(Boolean.class).single();
		Instant current = this.jdbc.sql("select refreshed_at from analytics_state where id = 1")
			.query(Timestamp.class)
			.single()
			.toInstant();
		assertThat(stale || current.isAfter(committedAfter))
			.as("the last version (%s) was made before the run committed (after %s) and nothing is marked stale",
					current, committedAfter)
			.isTrue();
	}

}
