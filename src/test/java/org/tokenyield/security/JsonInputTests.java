package org.tokenyield.security;

import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON means one thing to every reader: a key given twice, or a string with half of a
 * surrogate pair (which no UTF-8 text can hold), is a 400 naming the field, not a guess
 * at which value was meant.
 */
@IntegrationTest
class JsonInputTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private long accounts(String name) {
		return this.jdbc.sql("select count(*) from accounts where username = ?").param(name).query(Long.class).single();
	}

	@Test
	void aKeyGivenTwiceIsRefusedByName() {
		String name = Accounts.uniqueName("twice");
		var response = new Http(this.port).post("/api/v1/accounts", "{\"username\":\"" + name + "\",\"email\":\"" + name
				+ "@example.org\",\"password\":\"correct-horse-1\",\"password\":\"other-horse-2\"}");
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.json().get("detail").asString()).contains("password");
		assertThat(accounts(name)).isZero();
	}

	@Test
	void aLoneSurrogateIsRefusedByName() {
		for (String value : new String[] { "correct-horse-\\ud800", "correct-\\udc00-horse",
				"correct-horse-\\udbff\\udbff" }) {
			String name = Accounts.uniqueName("surrogate");
			var response = new Http(this.port).post("/api/v1/accounts", "{\"username\":\"" + name + "\",\"email\":\""
					+ name + "@example.org\",\"password\":\"" + value + "\"}");
			assertThat(response.status()).as(value + " " + response).isEqualTo(400);
			assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
			assertThat(response.body()).doesNotContain("correct-");
			assertThat(accounts(name)).isZero();
		}
		// a whole pair is a character like any other
		String name = Accounts.uniqueName("pair");
		var paired = new Http(this.port).post("/api/v1/accounts", "{\"username\":\"" + name + "\",\"email\":\"" + name
				+ "@example.org\",\"password\":\"correct-horse-\\ud83d\\ude00\"}");
		assertThat(paired.status()).as(paired.toString()).isEqualTo(201);
	}

}
