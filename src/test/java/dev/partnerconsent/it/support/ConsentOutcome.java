package dev.partnerconsent.it.support;

import java.time.Duration;

/**
 * What one consent of a load or fault run ended with, as the browser saw it.
 *
 * @param status     the app's final HTTP status, or 0 when no answer came (then {@code code} names the exception)
 * @param stored     the result page "Consent successful" was shown
 * @param code       the error page's catalogue code, when refused
 * @param version    the secret version the result page named, when stored
 * @param wellFormed for an error page: title, code, fix and "nothing stored" present, no stack trace
 */
public record ConsentOutcome(int index, String tenant, String user, int status, boolean stored, String code,
                      String secretName, String version, boolean wellFormed, String problem, Duration took) {
}
