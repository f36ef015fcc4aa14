package dev.partnerconsent.diagnostics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failure catalogue, kept as data in {@code failure-catalogue.json} so that the error page, the
 * /troubleshooting page, the README's table of common failures and the tests read the same entries.
 */
@ApplicationScoped
public class FailureCatalogue {

    static final String RESOURCE = "failure-catalogue.json";
    private static final Pattern AADSTS = Pattern.compile("\\bAADSTS(\\d{4,7})\\b");
    private static final String UNKNOWN = "unknown";
    private static final Pattern OAUTH = Pattern.compile("([a-z_]+): ");

    private static final FailureCatalogue SHARED = new FailureCatalogue();

    private final Map<String, Explanation> entries;

    public FailureCatalogue() {
        this.entries = SHARED == null ? load() : SHARED.entries;
    }

    /** The catalogue as read once from its resource, for {@link FailureCode#status()} (no injection in an enum). */
    static FailureCatalogue shared() {
        return SHARED;
    }

    /** The explanation for a failure: by its code, else by an AADSTS code in its detail, else the generic entry. */
    public Explanation explain(Failure failure) {
        return exact(failure).orElseGet(() -> naming(entryFor(failure), failure.code()));
    }

    /** The catalogue entry that explains a failure, as listed on /troubleshooting (its code is the anchor there). */
    public Explanation entryFor(Failure failure) {
        return exact(failure)
                // an AADSTS code not in the catalogue still comes with its OAuth error (e.g. temporarily_unavailable)
                .or(() -> oauthCode(failure.detail()).flatMap(this::find))
                .orElseGet(() -> entries.get(UNKNOWN));
    }

    private Optional<Explanation> exact(Failure failure) {
        return find(failure.code()).or(() -> aadstsCode(failure.detail()).flatMap(this::find));
    }

    public Optional<Explanation> find(String code) {
        return Optional.ofNullable(entries.get(normalise(code)));
    }

    public Map<String, Explanation> entries() {
        return entries;
    }

    /** The AADSTS code an Entra error description starts with, e.g. {@code AADSTS50011}. */
    public static Optional<String> aadstsCode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = AADSTS.matcher(text);
        return m.find() ? Optional.of("AADSTS" + m.group(1)) : Optional.empty();
    }

    /** The OAuth error code Entra errors' details start with ({@code invalid_grant: AADSTS…}). */
    static Optional<String> oauthCode(String detail) {
        Matcher m = detail == null ? null : OAUTH.matcher(detail);
        return m != null && m.lookingAt() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** A broader entry standing in for a code the catalogue lacks: its title names that code, to search for. */
    private static Explanation naming(Explanation e, String code) {
        return new Explanation(code, e.title() + " (" + code + ")", e.meaning(), e.causes(), e.fix(), e.status(), e.portal(),
                e.command(), e.doc());
    }

    private static String normalise(String code) {
        return code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Explanation> load() {
        try (InputStream in = FailureCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            try (JsonReader reader = Json.createReader(in)) {
                Map<String, Explanation> map = new LinkedHashMap<>();
                for (var value : reader.readObject().getJsonArray("entries")) {
                    JsonObject e = value.asJsonObject();
                    Explanation x = new Explanation(
                            e.getString("code"), e.getString("title"), e.getString("meaning"),
                            e.getJsonArray("causes").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList(),
                            e.getString("fix"), e.getInt("status"), e.getString("portal", ""), e.getString("command", ""), e.getString("doc", ""));
                    map.put(normalise(x.code()), x);
                }
                if (!map.containsKey(UNKNOWN)) {
                    throw new IllegalStateException(RESOURCE + " has no '" + UNKNOWN + "' entry");
                }
                return java.util.Collections.unmodifiableMap(map);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For tests and docs: the codes in catalogue order. */
    public List<String> codes() {
        return List.copyOf(entries.keySet());
    }
}
