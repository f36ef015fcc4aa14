/**
 * How healthy each stored consent is and by when its partner admin must consent again: rules over what the vault
 * and keep-alive recorded, and over the catalogue's codes. Beside {@code vault} in the layer order: it may use
 * {@code diagnostics} and {@code tenant}, nothing above, no Servlet, Faces or JAX-RS.
 */
package dev.partnerconsent.health;
