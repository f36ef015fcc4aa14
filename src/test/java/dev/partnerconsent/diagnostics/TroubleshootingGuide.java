package dev.partnerconsent.diagnostics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Renders the README's troubleshooting section from the failure catalogue, so the manual and the error pages say the
 * same thing. {@code ReadmeTroubleshootingTest} fails when the README is out of date; running this class's {@code main}
 * (see the README) rewrites the section in place.
 */
public final class TroubleshootingGuide {

    static final String START = "<!-- troubleshooting:start (generated from failure-catalogue.json; do not edit by hand) -->";
    static final String END = "<!-- troubleshooting:end -->";

    private TroubleshootingGuide() {
    }

    static String render(FailureCatalogue catalogue) {
        Map<String, Predicate<String>> groups = new LinkedHashMap<>();
        groups.put("Sign-in: Entra ID errors (AADSTS codes)", c -> c.startsWith("AADSTS"));
        groups.put("Sign-in: OAuth errors without an AADSTS code", c -> c.matches("[a-z]+(_[a-z]+)+"));
        groups.put("Key Vault", c -> c.startsWith("keyvault-"));
        groups.put("PartnerConsent's own checks", c -> true);
        StringBuilder md = new StringBuilder(START).append("\n");
        List<Explanation> remaining = new java.util.ArrayList<>(catalogue.entries().values());
        for (Map.Entry<String, Predicate<String>> group : groups.entrySet()) {
            List<Explanation> inGroup = remaining.stream().filter(e -> group.getValue().test(e.code())).toList();
            remaining.removeAll(inGroup);
            md.append("\n### ").append(group.getKey()).append("\n");
            for (Explanation e : inGroup) {
                md.append("\n#### `").append(e.code()).append("` — ").append(e.title()).append("\n\n");
                md.append(e.meaning()).append("\n\n");
                md.append("- **Likely causes:** ").append(String.join(" · ", e.causes())).append("\n");
                md.append("- **Fix:** ").append(e.fix()).append("\n");
                if (!e.portal().isBlank()) {
                    md.append("- **Portal:** ").append(e.portal()).append("\n");
                }
                if (!e.command().isBlank()) {
                    md.append("- **Command:** `").append(e.command().replace("`", "'")).append("`\n");
                }
                if (!e.doc().isBlank()) {
                    md.append("- **Docs:** ").append(e.doc()).append("\n");
                }
            }
        }
        return md.append("\n").append(END).toString();
    }

    /** The README with its troubleshooting section replaced by a fresh rendering. */
    static String updated(String readme, FailureCatalogue catalogue) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException("README.md has no troubleshooting markers");
        }
        return readme.substring(0, start) + render(catalogue) + readme.substring(end + END.length());
    }

    public static void main(String[] args) throws IOException {
        Path readme = Path.of(args.length > 0 ? args[0] : "README.md");
        Files.writeString(readme, updated(Files.readString(readme, StandardCharsets.UTF_8), new FailureCatalogue()), StandardCharsets.UTF_8);
    }
}
