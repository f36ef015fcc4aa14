package dev.partnerconsent.diagnostics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Backs {@code troubleshooting.xhtml} (served at {@code /troubleshooting}): every catalogue entry, grouped, each
 * under an anchor named by its code, so error pages and the README can link to {@code /troubleshooting#<code>}.
 * Built from the catalogue, so the page cannot say anything the error pages do not.
 */
@Named("troubleshootingView")
@ApplicationScoped
public class TroubleshootingView {

    /** One group of entries on the page, in catalogue order. */
    public record Section(String id, String title, List<Explanation> entries) {
    }

    /** Partner Center's and Graph's own answers; 900421 is Partner Center's, though its catalogue code says AADSTS. */
    private static final Set<String> APIS = Set.of("AADSTS900421", "partner-center-refused", "graph-refused",
            "api-unreachable");

    private final FailureCatalogue catalogue;
    private final List<Section> sections;

    @Inject
    public TroubleshootingView(FailureCatalogue catalogue) {
        this.catalogue = catalogue;
        this.sections = group(catalogue);
    }

    protected TroubleshootingView() {
        this.catalogue = null;
        this.sections = List.of();
    }

    public List<Section> getSections() {
        return sections;
    }

    /** The anchor of the entry explaining a failure: the code of the entry the error page shows. */
    public String anchor(Failure failure) {
        return catalogue.entryFor(failure).code();
    }

    static List<Section> group(FailureCatalogue catalogue) {
        Map<String, Predicate<String>> groups = new LinkedHashMap<>();
        groups.put("Sign-in: Entra ID errors (AADSTS codes)", c -> c.startsWith("AADSTS") && !APIS.contains(c));
        groups.put("Sign-in: OAuth errors without an AADSTS code", c -> c.matches("[a-z]+(_[a-z]+)+"));
        groups.put("Partner Center and Microsoft Graph", APIS::contains);
        groups.put("Key Vault", c -> c.startsWith("keyvault-"));
        groups.put("PartnerConsent's own checks", c -> true);
        List<Explanation> remaining = new ArrayList<>(catalogue.entries().values());
        List<Section> sections = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Predicate<String>> group : groups.entrySet()) {
            List<Explanation> inGroup = remaining.stream().filter(e -> group.getValue().test(e.code())).toList();
            remaining.removeAll(inGroup);
            sections.add(new Section("section-" + ++n, group.getKey(), inGroup));
        }
        return List.copyOf(sections);
    }
}
