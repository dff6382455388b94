package org.tokenyield.system;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.tokenyield.support.SomeModulesOnly;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The system module alone (it depends on no feature) on the shared embedded PostgreSQL:
 * the audit log and the per-client limits write and read their tables, and the visibility
 * rule follows the demo switch, which the embedded database turns on unless
 * {@code app.demo} says otherwise.
 */
@ApplicationModuleTest
@SomeModulesOnly
class SystemModuleTests {

	@Autowired
	AuditLog audit;

	@Autowired
	ClientLimits limits;

	@Autowired
	SimulatedVisibility visibility;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	private static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
	}

	private List<String> details(AuditLog.Page page) {
		return page.entries().stream().map(AuditLog.Entry::detail).toList();
	}

	@Test
	void auditEntriesAreWrittenWithTheirActAndReadNewestFirstPageByPage() {
		String action = unique("MODULE_TEST_");
		String other = unique("MODULE_OTHER_");
		this.transactions.executeWithoutResult(tx -> {
			this.audit.record(null, action, null, "first");
			this.audit.record(null, other, null, "elsewhere");
			this.audit.record(null, action, null, "second");
			this.audit.record(null, action, null, "x".repeat(2500));
		});

		AuditLog.Page first = this.audit.page(new AuditLog.Filter(" " + action + " ", null, null, null, 2));
		assertThat(details(first)).containsExactly("x".repeat(2000), "second");
		assertThat(first.nextBefore()).isEqualTo(first.entries().get(1).id());
		AuditLog.Page last = this.audit.page(new AuditLog.Filter(action, null, null, first.nextBefore(), 2));
		assertThat(details(last)).containsExactly("first");
		assertThat(last.nextBefore()).isNull();
		assertThat(this.audit.actions()).contains(action, other);
	}

	@Test
	void anAuditEntryBelongsToItsActsTransaction() {
		String action = unique("MODULE_ROLLBACK_");
		this.transactions.executeWithoutResult(tx -> {
			this.audit.record(null, action, null, "undone");
			tx.setRollbackOnly();
		});
		assertThat(this.audit.page(new AuditLog.Filter(action, null, null, null, 10)).entries()).isEmpty();
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.audit.record(null, action, null, "outside any act"));
		assertThat(this.audit.actions()).doesNotContain(action);
	}

	@Test
	void aClientsActsAreCountedInTheDatabaseAndRefusedBeyondTheLimit() {
		String action = unique("MT_");
		this.limits.count(action, 2, Duration.ofHours(1), "tries");
		this.limits.count(action, 2, Duration.ofHours(1), "tries");

		assertThatExceptionOfType(TooManyRequestsException.class)
			.isThrownBy(() -> this.limits.count(action, 2, Duration.ofHours(1), "tries"))
			.withMessage("At most 2 tries per client in 1 hour(s); try again later.")
			.satisfies(ex -> assertThat(ex.retryAfter()).isBetween(Duration.ofMinutes(59), Duration.ofHours(1)));
		assertThat(this.jdbc.sql("select count(*) from client_actions where action = ?")
			.param(action)
			.query(Long.class)
			.single()).as("a refused act is not counted").isEqualTo(2);
		// another act of the same client has its own count
		this.limits.count(unique("MT_"), 1, Duration.ofMinutes(10), "tries");
	}

	@Test
	void theEmbeddedDatabaseMakesADemoInstanceThatShowsSimulatedData() {
		assertThat(this.visibility.showsSimulated()).isTrue();
		assertThat(this.visibility.isPublic(true)).isTrue();
		assertThat(this.visibility.isPublic(false)).isTrue();
	}

	@Nested
	@TestPropertySource(properties = "app.demo=false")
	class OutsideDemoMode {

		@Autowired
		SimulatedVisibility visibility;

		@Test
		void simulatedDataIsHidden() {
			assertThat(this.visibility.showsSimulated()).isFalse();
			assertThat(this.visibility.isPublic(true)).isFalse();
			assertThat(this.visibility.isPublic(false)).isTrue();
		}

	}

}
