package dev.partnerconsent.operator;

import dev.partnerconsent.dashboard.HealthBackfillApi;
import dev.partnerconsent.dashboard.HealthSummaryApi;
import dev.partnerconsent.http.FailureMapper;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/** The operator JSON API under {@code /api}; each route's role is {@link RequiredRole}'s (see web.xml). */
@ApplicationPath("/api")
@DeclareRoles({"reader", "operator", "token-issuer"})
public class ApiApplication extends Application {

    /** No generated WADL document answering OPTIONS (Jersey on Payara): the routes are documented, not discoverable. */
    @Override
    public java.util.Map<String, Object> getProperties() {
        return java.util.Map.of("jersey.config.server.wadl.disableWadl", true);
    }

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ConsentsApi.class, SetupApi.class, AuditApi.class, RunsApi.class, SessionsApi.class,
                CustomersApi.class, AlertsApi.class, HealthSummaryApi.class, HealthBackfillApi.class, FailureMapper.class);
    }
}
