package dev.partnerconsent.standin.apis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The partner's customers as Partner Center and Graph know them: a seeded, deterministic list (the same ids, names and
 * GDAP relationships on every run), the application consents created in each customer, and scripted throttling.
 * Customer {@code i} has the tenant id {@link #tenantIdOf(int)}; its GDAP relationship follows {@link Gdap#of(int)}:
 * <ul>
 *   <li>{@code i % 10 == 0}: no relationship (only an expired one);</li>
 *   <li>{@code i % 10 == 1}: active, ends in 20 days, no auto-extend;</li>
 *   <li>{@code i % 10 == 2}: active, holds Global Administrator (so no auto-extend), ends in 300 days;</li>
 *   <li>{@code i % 10 == 3}: active, auto-extends, but only Directory Readers: not enough to consent an application;</li>
 *   <li>otherwise: active, auto-extends (P180D), Cloud Application Administrator and User Administrator.</li>
 * </ul>
 * Partner Center's customer id equals the customer's tenant id, as it does for customers created since 2016.
 */
public final class CustomerBook {

    public static final int DEFAULT_COUNT = 3000;
    public static final String GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";
    public static final String CLOUD_APPLICATION_ADMINISTRATOR = "158c047a-c907-4556-b7ef-446551a6b5f7";
    public static final String USER_ADMINISTRATOR = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    public static final String DIRECTORY_READERS = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";
    /** The partner's security groups the access assignments name. */
    public static final String APP_ADMINS_GROUP = "4c1c9bb1-6a0e-4c8f-9c3c-2b1d51a0c0a1";
    public static final String HELPDESK_GROUP = "5d2dacc2-7b1f-4d90-8d4d-3c2e62b1d1b2";

    /** The GDAP relationship a seeded customer has. */
    public enum Gdap {
        NONE, EXPIRING, GLOBAL_ADMIN, READER_ONLY, HEALTHY;

        public static Gdap of(int i) {
            return switch (i % 10) {
                case 0 -> NONE;
                case 1 -> EXPIRING;
                case 2 -> GLOBAL_ADMIN;
                case 3 -> READER_ONLY;
                default -> HEALTHY;
            };
        }
    }

    /** One customer of the partner. */
    public record Customer(int index, String id, String tenantId, String companyName, String domain, Gdap gdap) {
    }

    /** One GDAP relationship of the partner. */
    public record Relationship(String id, String displayName, String customerTenantId, String customerName,
                               String status, Instant activated, Instant end, String autoExtendDuration,
                               List<String> roles, List<Assignment> assignments) {
    }

    /** One access assignment: a partner security group given some of the relationship's roles. */
    public record Assignment(String id, String status, String groupId, List<String> roles) {
    }

    /** One application consent in a customer tenant. */
    public record Consent(String applicationId, String displayName, List<Grant> grants) {
    }

    public record Grant(String enterpriseApplicationId, String scope) {
    }

    private volatile List<Customer> customers = List.of();
    private volatile Map<String, Customer> byId = Map.of();
    private volatile List<Relationship> relationships = List.of();
    private final Map<String, Map<String, Consent>> consents = new ConcurrentHashMap<>();
    /** Customers whose GDAP roles were removed after the partner last looked (Partner Center then answers 403). */
    private final Map<String, Boolean> rolesRemoved = new ConcurrentHashMap<>();
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile Duration retryAfter = Duration.ofSeconds(1);
    private volatile Instant seededAt = Instant.now();

    public CustomerBook() {
        seed(DEFAULT_COUNT);
    }

    /** Forgets consents, removed roles and throttling, and seeds {@code count} customers again (dates from now). */
    public synchronized void seed(int count) {
        seededAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Customer> list = new ArrayList<>(count);
        List<Relationship> rels = new ArrayList<>(count);
        Map<String, Customer> index = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String tenant = tenantIdOf(i);
            Customer c = new Customer(i, tenant, tenant, companyName(i), domain(i), Gdap.of(i));
            list.add(c);
            index.put(tenant, c);
            rels.add(relationship(c, seededAt));
        }
        customers = List.copyOf(list);
        byId = Collections.unmodifiableMap(index);
        relationships = List.copyOf(rels);
        consents.clear();
        rolesRemoved.clear();
        throttled.set(0);
        retryAfter = Duration.ofSeconds(1);
    }

    /** Customer {@code i}'s tenant id: stable across runs. */
    public static String tenantIdOf(int i) {
        return UUID.nameUUIDFromBytes(("partnerconsent-customer-" + i).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String companyName(int i) {
        String[] stems = {"Contoso", "Fabrikam", "Northwind", "Tailspin", "Wingtip", "Litware", "Adventure Works",
                "Alpine Ski House", "Coho Winery", "Proseware"};
        String[] kinds = {"Ltd", "GmbH", "Inc", "AG", "BV", "SARL", "Oy"};
        return stems[i % stems.length] + " " + String.format(Locale.ROOT, "%04d", i) + " " + kinds[(i / 10) % kinds.length];
    }

    static String domain(int i) {
        return companyName(i).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + ".onmicrosoft.com";
    }

    private static Relationship relationship(Customer c, Instant now) {
        String id = UUID.nameUUIDFromBytes(("gdap-" + c.tenantId()).getBytes(StandardCharsets.UTF_8)) + "-"
                + UUID.nameUUIDFromBytes(("gdap2-" + c.tenantId()).getBytes(StandardCharsets.UTF_8));
        String name = "PC-" + String.format(Locale.ROOT, "%04d", c.index());
        Instant activated = now.minus(Duration.ofDays(100));
        return switch (c.gdap()) {
            case NONE -> new Relationship(id, name, c.tenantId(), c.companyName(), "expired", activated.minus(Duration.ofDays(700)),
                    now.minus(Duration.ofDays(30)), "PT0S", List.of(USER_ADMINISTRATOR), List.of());
            case EXPIRING -> new Relationship(id, name, c.tenantId(), c.companyName(), "active", activated, now.plus(Duration.ofDays(20)),
                    "PT0S", List.of(CLOUD_APPLICATION_ADMINISTRATOR, USER_ADMINISTRATOR),
                    List.of(assignment(id, 1, APP_ADMINS_GROUP, CLOUD_APPLICATION_ADMINISTRATOR, USER_ADMINISTRATOR)));
            case GLOBAL_ADMIN -> new Relationship(id, name, c.tenantId(), c.companyName(), "active", activated,
                    now.plus(Duration.ofDays(300)), "PT0S", List.of(GLOBAL_ADMINISTRATOR),
                    List.of(assignment(id, 1, APP_ADMINS_GROUP, GLOBAL_ADMINISTRATOR)));
            case READER_ONLY -> new Relationship(id, name, c.tenantId(), c.companyName(), "active", activated,
                    now.plus(Duration.ofDays(200)), "P180D", List.of(DIRECTORY_READERS),
                    List.of(assignment(id, 1, HELPDESK_GROUP, DIRECTORY_READERS)));
            case HEALTHY -> new Relationship(id, name, c.tenantId(), c.companyName(), "active", activated,
                    now.plus(Duration.ofDays(630)), "P180D", List.of(CLOUD_APPLICATION_ADMINISTRATOR, USER_ADMINISTRATOR),
                    List.of(assignment(id, 1, APP_ADMINS_GROUP, CLOUD_APPLICATION_ADMINISTRATOR),
                            assignment(id, 2, HELPDESK_GROUP, USER_ADMINISTRATOR)));
        };
    }

    private static Assignment assignment(String relationshipId, int n, String group, String... roles) {
        return new Assignment(UUID.nameUUIDFromBytes((relationshipId + "/" + n).getBytes(StandardCharsets.UTF_8)).toString(),
                "active", group, List.of(roles));
    }

    public List<Customer> customers() {
        return customers;
    }

    public Optional<Customer> customer(String id) {
        return Optional.ofNullable(byId.get(id.toLowerCase(Locale.ROOT)));
    }

    public List<Relationship> relationships() {
        return relationships;
    }

    public Optional<Relationship> relationship(String id) {
        return relationships.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public Instant seededAt() {
        return seededAt;
    }

    /** The application consents in a customer tenant, by application id. */
    public Map<String, Consent> consents(String customerId) {
        return consents.computeIfAbsent(customerId.toLowerCase(Locale.ROOT), k -> new ConcurrentHashMap<>());
    }

    /** How many customers hold a consent for {@code applicationId}. */
    public long consentedCount(String applicationId) {
        return consents.values().stream().filter(m -> m.containsKey(applicationId.toLowerCase(Locale.ROOT))).count();
    }

    /** From now on Partner Center no longer knows this customer (404), as after the customer relationship ended. */
    public synchronized void forget(String customerId) {
        Map<String, Customer> index = new LinkedHashMap<>(byId);
        index.remove(customerId.toLowerCase(Locale.ROOT));
        byId = Collections.unmodifiableMap(index);
        customers = customers.stream().filter(c -> !c.id().equalsIgnoreCase(customerId)).toList();
    }

    /** From now on the partner holds no GDAP role in this customer: Partner Center answers 403 to consents there. */
    public void removeRoles(String customerId) {
        rolesRemoved.put(customerId.toLowerCase(Locale.ROOT), true);
    }

    /** Whether the partner's roles in the customer suffice for Partner Center to create an application consent. */
    boolean mayConsentIn(Customer c) {
        return !rolesRemoved.containsKey(c.id()) && (c.gdap() == Gdap.EXPIRING || c.gdap() == Gdap.GLOBAL_ADMIN
                || c.gdap() == Gdap.HEALTHY);
    }

    /** The next {@code calls} application-consent calls answer 429 with {@code Retry-After} of {@code after}. */
    public void throttle(int calls, Duration after) {
        retryAfter = after;
        throttled.set(calls);
    }

    /** Takes one throttled answer if any is scripted. */
    Optional<Duration> takeThrottle() {
        return throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? Optional.of(retryAfter) : Optional.empty();
    }
}
