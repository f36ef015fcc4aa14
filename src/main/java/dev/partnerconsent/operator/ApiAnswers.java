package dev.partnerconsent.operator;

import dev.partnerconsent.http.NoStore;
import jakarta.ws.rs.core.Response;

/** The API's successful answers: 200 with the answer, never cached (they name tenants and may carry tokens). */
final class ApiAnswers {

    private ApiAnswers() {
    }

    static Response ok(Object answer) {
        return NoStore.ok(answer);
    }
}
