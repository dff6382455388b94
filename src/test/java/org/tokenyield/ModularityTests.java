package org.tokenyield;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps the arrows pointing one way: web → features → analytics/domain, no cycles, no
 * reaching into internals.
 */
class ModularityTests {

	@Test
	void modulesRespectTheirBoundaries() {
		ApplicationModules.of(TokenYieldApplication.class).verify();
	}

}
