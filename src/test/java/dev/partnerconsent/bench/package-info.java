/**
 * The consent-path benchmark ({@code mvn -Pbenchmark}, README "Benchmark"): full consents through Payara Micro against
 * the stand-ins, and the same sign-in through the server's own OpenID Connect support as a baseline. Not a test: it
 * asserts nothing about time, it measures and reports. The baseline WAR's sources live in {@code src/test/baseline}.
 */
package dev.partnerconsent.bench;
