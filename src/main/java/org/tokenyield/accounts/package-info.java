/** Accounts, roles, API tokens and the security configuration. */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package org.tokenyield.accounts;
