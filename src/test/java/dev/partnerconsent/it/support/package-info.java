/**
 * What the in-container tests in {@code dev.partnerconsent.it} share: the base class and extension that start the
 * stand-ins and Payara Micro, scripted browsers and API callers, the servers the deployment tests start, and the
 * leak checks. No tests live here.
 */
package dev.partnerconsent.it.support;
