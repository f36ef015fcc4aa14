package dev.partnerconsent.alerts;

/** An alert as text for people: the plain and the HTML body of the e-mail. */
final class AlertText {

    private AlertText() {
    }

    static String plain(Alert a) {
        StringBuilder b = new StringBuilder(a.subject()).append("\n\n").append(a.detail()).append('\n');
        a.tenant().ifPresent(t -> b.append("\nTenant: ").append(a.tenantName()).append(" (").append(t.value()).append(')'));
        a.cause().ifPresent(c -> b.append("\nCause: ").append(c).append(" — ").append(a.causeTitle()));
        a.troubleshooting().ifPresent(u -> b.append("\nWhat to do: ").append(u));
        a.reconsent().ifPresent(u -> b.append("\nRe-consent link for the partner admin: ").append(u));
        return b.append("\n\nSent by PartnerConsent at ").append(a.at()).append(".\n").toString();
    }

    static String html(Alert a) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
                .append("<h2>").append(escape(a.subject())).append("</h2><p>").append(escape(a.detail())).append("</p><table>");
        a.tenant().ifPresent(t -> row(b, "Tenant", escape(a.tenantName()) + " (<code>" + escape(t.value()) + "</code>)"));
        a.cause().ifPresent(c -> row(b, "Cause", "<code>" + escape(c) + "</code> " + escape(a.causeTitle())));
        b.append("</table><p>");
        a.troubleshooting().ifPresent(u -> b.append("<a href=\"").append(escape(u.toString())).append("\">What to do</a> "));
        a.reconsent().ifPresent(u -> b.append("· <a href=\"").append(escape(u.toString()))
                .append("\">Re-consent link for the partner admin</a>"));
        return b.append("</p><p style=\"color:#666\">Sent by PartnerConsent at ").append(escape(a.at().toString()))
                .append(".</p></body></html>").toString();
    }

    private static void row(StringBuilder b, String title, String valueHtml) {
        b.append("<tr><th align=\"left\">").append(title).append("</th><td>").append(valueHtml).append("</td></tr>");
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
