package dev.partnerconsent.standin;

import com.azure.security.keyvault.secrets.SecretClient;
import dev.partnerconsent.standin.entra.EntraFlows;
import dev.partnerconsent.standin.entra.LocalEntraId;
import dev.partnerconsent.standin.keyvault.LocalKeyVault;
import dev.partnerconsent.standin.keyvault.Principal;
import dev.partnerconsent.standin.keyvault.VaultTestApp;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Owns the life cycle of the stand-ins a stand-in test uses: starts a local Entra ID and/or Key Vault for the fields
 * marked {@link StandIn} (static: once for the class; instance: for each test), puts them back in their first state
 * around each test (Entra's scripts and token faults disarmed; the vault emptied, its faults, counters and recovery
 * time reset) and closes them when the class (or test) ends.
 *
 * <p>Field types: {@link LocalEntraId}, {@link EntraFlows} (the app's side, on that Entra ID), {@link LocalKeyVault},
 * and the vault's registered test app ({@link VaultTestApp}) as its {@link Principal} or a {@link SecretClient}.
 */
public final class StandInExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StandInExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        List<Field> fields = fields(context.getRequiredTestClass(), f -> Modifier.isStatic(f.getModifiers()));
        if (!fields.isEmpty()) {
            // closed by JUnit when the class's context ends
            context.getStore(NAMESPACE).put(Running.class, Running.fill(fields, null));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        List<Field> fields = fields(context.getRequiredTestClass(), f -> !Modifier.isStatic(f.getModifiers()));
        if (!fields.isEmpty()) {
            context.getStore(NAMESPACE).put(Running.class, Running.fill(fields, context.getRequiredTestInstance()));
        }
        running(context).forEach(Running::cleanVault);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        running(context).forEach(Running::disarmEntra);
    }

    /** The stand-ins of this test and of its class. */
    private static List<Running> running(ExtensionContext context) {
        List<Running> all = new ArrayList<>();
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Running r = c.getStore(NAMESPACE).get(Running.class, Running.class);
            if (r != null && !all.contains(r)) {
                all.add(r);
            }
        }
        return all;
    }

    private static List<Field> fields(Class<?> testClass, Predicate<Field> which) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(StandIn.class) && which.test(f)) {
                    fields.add(f);
                }
            }
        }
        return fields;
    }

    /** The stand-ins started for one set of fields. */
    private record Running(LocalEntraId entra, LocalKeyVault vault) implements ExtensionContext.Store.CloseableResource {

        static Running fill(List<Field> fields, Object instance) {
            boolean needsEntra = fields.stream().anyMatch(f -> f.getType() == LocalEntraId.class || f.getType() == EntraFlows.class);
            Running r = new Running(needsEntra ? EntraFlows.startEntra() : null,
                    fields.stream().anyMatch(f -> f.getType() != LocalEntraId.class && f.getType() != EntraFlows.class)
                            ? LocalKeyVault.start(VaultTestApp.tls(), 0) : null);
            Principal app = r.vault == null ? null : VaultTestApp.register(r.vault);
            for (Field f : fields) {
                Object value;
                if (f.getType() == LocalEntraId.class) {
                    value = r.entra;
                } else if (f.getType() == EntraFlows.class) {
                    value = new EntraFlows(r.entra);
                } else if (f.getType() == LocalKeyVault.class) {
                    value = r.vault;
                } else if (f.getType() == Principal.class) {
                    value = app;
                } else if (f.getType() == SecretClient.class) {
                    value = VaultTestApp.client(r.vault);
                } else {
                    r.close();
                    throw new ExtensionConfigurationException("@StandIn cannot fill " + f + ": no stand-in of that type");
                }
                try {
                    f.setAccessible(true);
                    f.set(instance, value);
                } catch (IllegalAccessException e) {
                    r.close();
                    throw new ExtensionConfigurationException("@StandIn cannot set " + f, e);
                }
            }
            return r;
        }

        void cleanVault() {
            if (vault != null) {
                vault.clear();
                vault.faults().reset();
                vault.counters().reset();
                vault.recoveryTime(LocalKeyVault.DEFAULT_RECOVERY_TIME);
            }
        }

        void disarmEntra() {
            if (entra != null) {
                entra.clearScripts();
                entra.tokenFaults().reset();
            }
        }

        @Override
        public void close() {
            if (entra != null) {
                entra.close();
            }
            if (vault != null) {
                vault.close();
            }
        }
    }
}
