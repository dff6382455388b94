package org.tokenyield.accounts;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.JpaRepository;

interface AccountRepository extends JpaRepository<Account, Long> {

	@Query("select a from Account a where lower(a.username) = lower(?1)")
	Optional<Account> findByUsername(String username);

	@Query("select count(a) > 0 from Account a where lower(a.email) = lower(?1)")
	boolean emailTaken(String email);

	@Query("select count(a) > 0 from Account a where a.role = org.tokenyield.accounts.Role.ADMIN")
	boolean anyAdmin();

	@Query("select a from Account a order by a.createdAt")
	List<Account> findAllByCreation();

	/**
	 * The ids of the enabled admins, locked for the rest of the transaction (a role
	 * change that could leave no admin waits for another in flight).
	 */
	@Query(value = "select id from accounts where role = 'ADMIN' and enabled order by id for update",
			nativeQuery = true)
	List<Long> lockEnabledAdmins();

}
