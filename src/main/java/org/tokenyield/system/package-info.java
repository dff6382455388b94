/**
 * What every feature shares: the embedded database, errors, the page layout's model, the
 * clock. Depends on no feature.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System",
		type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.tokenyield.system;
