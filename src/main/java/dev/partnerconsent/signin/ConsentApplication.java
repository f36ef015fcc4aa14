package dev.partnerconsent.signin;

import dev.partnerconsent.http.FailureMapper;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * JAX-RS for the consent flow's entry point. Mapped under {@code /consent} so that the JSF pages and the
 * callback filter keep the rest of the URL space.
 */
@ApplicationPath("/consent")
public class ConsentApplication extends Application {

    /** No generated WADL document answering OPTIONS (Jersey on Payara): the routes are documented, not discoverable. */
    @Override
    public java.util.Map<String, Object> getProperties() {
        return java.util.Map.of("jersey.config.server.wadl.disableWadl", true);
    }

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(SignInStart.class, FailureMapper.class);
    }
}
