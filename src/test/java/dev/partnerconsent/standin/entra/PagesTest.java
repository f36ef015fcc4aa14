package dev.partnerconsent.standin.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.partnerconsent.standin.StandIn;
import dev.partnerconsent.standin.StandInExtension;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StandInExtension.class)
class PagesTest {

    @StandIn
    private static LocalEntraId entra;

    @Test
    void theStartPageListsTheDemoTenants() throws Exception {
        HTTPResponse page = get("/");

        assertEquals(200, page.getStatusCode());
        for (DemoTenant tenant : DemoTenants.ALL) {
            assertTrue(page.getBody().contains(tenant.id()), tenant.displayName());
        }
    }

    @Test
    void theErrorUriOfAReplyExplainsTheCode() throws Exception {
        HTTPResponse page = get("/error?code=50173");

        assertEquals(200, page.getStatusCode());
        assertTrue(page.getBody().contains("AADSTS50173"));
        assertTrue(page.getBody().contains("invalid_grant"));
    }

    @Test
    void logoutReturnsToTheApp() throws Exception {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, URI.create(entra.baseUrl()
                + "/organizations/oauth2/v2.0/logout?post_logout_redirect_uri=https%3A%2F%2Fpartnerconsent.test%2F"));
        request.setFollowRedirects(false);

        HTTPResponse response = request.send();

        assertEquals(302, response.getStatusCode());
        assertEquals("https://partnerconsent.test/", response.getHeaderValue("Location"));
        assertEquals(1, entra.requestCount(Endpoint.LOGOUT));
    }

    private static HTTPResponse get(String path) throws Exception {
        return new HTTPRequest(HTTPRequest.Method.GET, URI.create(entra.baseUrl() + path)).send();
    }
}
