package dev.partnerconsent.signin;

import dev.partnerconsent.diagnostics.FailureException;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the callback refuses before it looks at a sign-in at all: each refusal with its exact code and detail. */
class CallbackRequestTest {

    /** A request with this method, content type and parameters; anything else it is asked is a test error. */
    private static HttpServletRequest request(String method, String contentType, Map<String, String[]> parameters) {
        return (HttpServletRequest) Proxy.newProxyInstance(CallbackRequestTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getContentType" -> contentType;
                    case "getParameterValues" -> parameters.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static FailureException refusedMethod(String method, String contentType) {
        return assertThrows(FailureException.class, () -> CallbackFilter.checkMethod(request(method, contentType, Map.of())));
    }

    private static FailureException refusedParameters(Map<String, String[]> parameters) {
        return assertThrows(FailureException.class, () -> CallbackParameters.from(request("GET", null, parameters)));
    }

    @Test
    void onlyGetAndAFormPostAreSignInResponses() throws Exception {
        CallbackFilter.checkMethod(request("GET", null, Map.of()));
        CallbackFilter.checkMethod(request("POST", "application/x-www-form-urlencoded; charset=UTF-8", Map.of()));

        FailureException put = refusedMethod("PUT", null);
        assertEquals("callback-method", put.failure().code());
        assertEquals(405, put.failure().httpStatus());
        assertEquals("The callback accepts GET (response_mode=query) and POST (response_mode=form_post), not PUT.",
                put.failure().detail());
        assertEquals("callback-method", refusedMethod("HEAD", null).failure().code());

        FailureException json = refusedMethod("POST", "application/json");
        assertEquals("callback-content-type", json.failure().code());
        assertEquals(415, json.failure().httpStatus());
        assertEquals("A form_post callback must be application/x-www-form-urlencoded.", json.failure().detail());
        assertEquals("callback-content-type", refusedMethod("POST", null).failure().code(), "no content type at all");
    }

    @Test
    void parametersGivenTwiceOrTooLongAreMalformed() throws Exception {
        CallbackParameters ok = CallbackParameters.from(request("GET", null, Map.of("code", new String[]{"c"},
                "state", new String[]{"s"})));
        assertEquals("c", ok.code().orElseThrow());

        FailureException twice = refusedParameters(Map.of("state", new String[]{"a", "b"}));
        assertEquals("callback-malformed", twice.failure().code());
        assertEquals(400, twice.failure().httpStatus());
        assertEquals("The callback carries the parameter 'state' more than once.", twice.failure().detail());

        FailureException tooLong = refusedParameters(Map.of("code", new String[]{"x".repeat(CallbackParameters.MAX_LENGTH + 1)}));
        assertEquals("callback-malformed", tooLong.failure().code());
        assertEquals("The callback's parameter 'code' is longer than 16384 characters.", tooLong.failure().detail());

        HttpServletRequest unreadable = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, m, args) -> {
                    throw new IllegalStateException("broken escapes");
                });
        FailureException broken = assertThrows(FailureException.class, () -> CallbackParameters.from(unreadable));
        assertEquals("callback-malformed", broken.failure().code());
        assertTrue(broken.failure().detail().startsWith("The callback's parameters could not be read"), broken.failure().detail());
    }
}
