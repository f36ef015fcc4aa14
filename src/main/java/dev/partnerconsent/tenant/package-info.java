/**
 * The tenant id as a value ({@link dev.partnerconsent.tenant.TenantId}): checked once where it enters the application
 * (a request, a token's {@code tid}, a secret's tag), trusted everywhere after.
 * <p>
 * The bottom layer: imports nothing of the application; every package may use it.
 */
package dev.partnerconsent.tenant;
