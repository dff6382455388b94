package org.tokenyield.accounts;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "accounts")
class Account {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String username;

	private String email;

	@Column(name = "password_hash")
	private String passwordHash;

	@Enumerated(EnumType.STRING)
	private Role role;

	private boolean enabled;

	@Column(name = "created_at", insertable = false, updatable = false)
	private Instant createdAt;

	protected Account() {
	}

	Account(String username, String email, String passwordHash, Role role) {
		this.username = username;
		this.email = email;
		this.passwordHash = passwordHash;
		this.role = role;
		this.enabled = true;
	}

	Long id() {
		return this.id;
	}

	String username() {
		return this.username;
	}

	String email() {
		return this.email;
	}

	String passwordHash() {
		return this.passwordHash;
	}

	Role role() {
		return this.role;
	}

	boolean enabled() {
		return this.enabled;
	}

	void changeRole(Role role) {
		this.role = role;
	}

	void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	AccountView view() {
		return new AccountView(this.id, this.username, this.email, this.role, this.enabled, this.createdAt);
	}

}
