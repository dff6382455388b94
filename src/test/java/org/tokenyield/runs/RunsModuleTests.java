package org.tokenyield.runs;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tokenyield.prompts.PromptEvents.PromptApproved;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The runs module with the modules it depends on (accounts, catalog, prompts, providers,
 * grading, system) and nothing else, on the shared embedded PostgreSQL: events from other
 * modules queue runs, and plans are for admins only, checked by the real security chain
 * and the real services. The versions here belong to a provider no instance configures,
 * so their runs are queued and never called.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@AutoConfigureMockMvc
class RunsModuleTests {

	private static final String ADMIN_PASSWORD = "admin-test-password";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	String tag;

	QueueFixtures fixtures;

	long model;

	String modelKey;

	long prompt;

	@BeforeEach
	void versionAndPrompt() {
		this.fixtures = new QueueFixtures(this.jdbc);
		this.tag = UUID.randomUUID().toString().substring(0, 8);
		this.modelKey = "unconfigured-" + this.tag + "/m";
		this.model = this.fixtures.model(this.modelKey, "unconfigured-" + this.tag, "1", "2");
		this.prompt = this.fixtures.prompt("What is 6 x 7? module " + this.tag, QueueFixtures.EXACT_42);
	}

	@AfterEach
	void leaveNoQueuedRuns() {
		this.jdbc.sql("delete from runs where model_id = ?").param(this.model).update();
		this.fixtures.retire(List.of(this.model));
	}

	private long runsOf(long promptId) {
		return this.jdbc.sql("select count(*) from runs where prompt_id = ? and model_id = ? and status = 'QUEUED'")
			.params(promptId, this.model)
			.query(Long.class)
			.single();
	}

	@Test
	void anApprovedPromptIsQueuedOnEverySchedulableVersionInTheApprovalsTransaction(Scenario scenario) {
		scenario.publish(new PromptApproved(this.prompt))
			.andWaitForStateChange(() -> runsOf(this.prompt), n -> n > 0)
			.andVerify(n -> assertThat(n).as("default setting, one sample").isEqualTo(1));
		// idempotent: approving again queues nothing more
		scenario.publish(new PromptApproved(this.prompt))
			.andWaitForStateChange(() -> runsOf(this.prompt))
			.andVerify(n -> assertThat(n).isEqualTo(1));
	}

	private String planBody(String models) {
		return "{\"models\":[" + models + "],\"prompts\":[" + this.prompt + "],\"samples\":2}";
	}

	@Test
	void plansAreForAdminsOnTheApi() {
		String body = planBody("\"" + this.modelKey + "\"");
		assertThat(
				this.mvc.post().uri("/api/v1/plans?dry_run=true").contentType(MediaType.APPLICATION_JSON).content(body))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		String member = "member-" + this.tag;
		assertThat(this.mvc.post()
			.uri("/api/v1/accounts")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + member + "\",\"email\":\"" + member
					+ "@example.org\",\"password\":\"correct-horse-1\"}"))
			.hasStatus(HttpStatus.CREATED);
		assertThat(this.mvc.post()
			.uri("/api/v1/plans?dry_run=true")
			.with(httpBasic(member, "correct-horse-1"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("Your role does not allow this.");

		// the admin's dry run: 2 runs, worst case per run (prompt bytes + 64) at $1/M +
		// 4096 at $2/M
		long bytes = ("What is 6 x 7? module " + this.tag).length();
		assertThat(this.mvc.post()
			.uri("/api/v1/plans?dry_run=true")
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).hasStatusOk()
			.bodyJson()
			.satisfies(json -> assertThat(json.getJson()).contains("\"runs\":2")
				.contains("\"worst_case_cost_usd\":" + String.format("%.6f", 2 * ((bytes + 64) + 4096 * 2) / 1e6)));
		assertThat(runsOf(this.prompt)).as("a dry run queues nothing").isZero();
	}

	@Test
	void theServicesRefusalsComeBackAsProblemDetailsAndFormMessages() {
		assertThat(this.mvc.post()
			.uri("/api/v1/plans?dry_run=true")
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content(planBody("\"" + this.modelKey + "\", \"nobody/none-" + this.tag + "\"")))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies(json -> {
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("models[1]");
				assertThat(json).extractingPath("$.errors[0].message")
					.isEqualTo("'nobody/none-" + this.tag + "' is not a known model version");
			});

		assertThat(this.mvc.post()
			.uri("/admin/runs/preview")
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.with(csrf())
			.param("models", "nobody/none-" + this.tag)
			.param("prompts", "approved")).hasStatusOk().bodyText().contains("is not a known model version");
		assertThat(runsOf(this.prompt)).isZero();
	}

	@Test
	void theRunPlansPageIsForAdmins() {
		assertThat(this.mvc.get().uri("/admin/runs")).hasStatus(HttpStatus.FOUND).redirectedUrl().endsWith("/login");
		assertThat(this.mvc.get().uri("/admin/runs").with(httpBasic("admin", ADMIN_PASSWORD))).hasStatusOk()
			.bodyText()
			.contains(this.modelKey);
	}

}
