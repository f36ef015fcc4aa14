package dev.partnerconsent.operator;

import jakarta.ws.rs.core.Response;

/** The API's successful answers: 200 with the answer, never cached (they name tenants and may carry tokens). */
final class ApiAnswers {

    private ApiAnswers() {
    }

    static Response ok(Object answer) {
        return Response.ok(answer).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
