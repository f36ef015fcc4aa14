package dev.partnerconsent.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorViewTest {

    @Test
    void storingIsMentionedOnlyWhenAConsentWasUnderWay() {
        assertTrue(ErrorView.consentFlow("/app/consent/callback", "/app/consent/callback", "/app"), "the callback stores");
        assertTrue(ErrorView.consentFlow("/reply", "/reply", ""), "wherever the redirect URI points");
        assertTrue(ErrorView.consentFlow("/app/consent/start", "/app/consent/callback", "/app"), "the consent's start");
        assertFalse(ErrorView.consentFlow("/app/nothing-here", "/app/consent/callback", "/app"), "a 404");
        assertFalse(ErrorView.consentFlow("/app/admin/consents.xhtml", "/app/consent/callback", "/app"), "an operator page");
        assertFalse(ErrorView.consentFlow("/app/api/consents", null, "/app"), "the API, no redirect URI set");
        assertFalse(ErrorView.consentFlow("", "/app/consent/callback", "/app"), "the error page asked for directly");
    }
}
