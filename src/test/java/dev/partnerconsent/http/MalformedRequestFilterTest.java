package dev.partnerconsent.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MalformedRequestFilterTest {

    @Test
    void pagesAreTheViewsTheWelcomePageAndFacesResources() {
        assertTrue(MalformedRequestFilter.isPage("/"));
        assertTrue(MalformedRequestFilter.isPage(""));
        assertTrue(MalformedRequestFilter.isPage("/setup.xhtml"));
        assertTrue(MalformedRequestFilter.isPage("/troubleshooting"));
        assertTrue(MalformedRequestFilter.isPage("/consent/result.xhtml"));
        assertTrue(MalformedRequestFilter.isPage("/jakarta.faces.resource/app.css.xhtml"));
        assertFalse(MalformedRequestFilter.isPage("/consent/callback"));
        assertFalse(MalformedRequestFilter.isPage("/operator/signin"));
        assertFalse(MalformedRequestFilter.isPage("/admin/actions/refresh"));
    }

    @Test
    void jaxRsRoutesKeepTheirBodyForJersey() {
        assertTrue(MalformedRequestFilter.jaxRs("/consent/start"));
        assertTrue(MalformedRequestFilter.jaxRs("/consent/callback"), "the callback reads and refuses its own parameters");
        assertFalse(MalformedRequestFilter.jaxRs("/consent/result.xhtml"));
        assertFalse(MalformedRequestFilter.jaxRs("/operator/callback"));
        assertFalse(MalformedRequestFilter.jaxRs("/admin/actions/check"));
    }

    @Test
    void onlyCharsetsTheFormsUseAreAccepted() {
        assertTrue(MalformedRequestFilter.knownCharset(null));
        assertTrue(MalformedRequestFilter.knownCharset("UTF-8"));
        assertTrue(MalformedRequestFilter.knownCharset(" utf-8 "));
        assertTrue(MalformedRequestFilter.knownCharset("ISO-8859-1"));
        assertTrue(MalformedRequestFilter.knownCharset("US-ASCII"));
        assertFalse(MalformedRequestFilter.knownCharset("UTF-7"), "the page renderer fails on charsets the JDK lacks");
        assertFalse(MalformedRequestFilter.knownCharset("UTF-16"));
        assertFalse(MalformedRequestFilter.knownCharset("%%%"));
    }
}
