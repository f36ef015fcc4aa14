package dev.partnerconsent.standin.keyvault;

import java.time.Instant;

/**
 * One request the emulator answered.
 *
 * @param receivedAt when it arrived
 * @param status the status it was answered with
 * @param principal who the bearer token belonged to, or null (unauthenticated, or a token endpoint call)
 */
public record RequestRecord(Operation operation, Instant receivedAt, int status, Principal principal) {
}
