package dev.partnerconsent.alerts;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The payload shapes webhooks accept: PartnerConsent's own JSON, the message with an Adaptive Card that a Microsoft
 * Teams workflow ("When a Teams webhook request is received") posts to a channel, and a Slack incoming webhook's
 * {@code text} and blocks.
 */
public enum WebhookFormat {
    JSON {
        @Override
        JsonObject payload(Alert a) {
            JsonObjectBuilder b = Json.createObjectBuilder()
                    .add("kind", a.kind().code())
                    .add("subject", a.subject())
                    .add("detail", a.detail())
                    .add("at", a.at().toString())
                    .add("tenantName", a.tenantName());
            a.tenant().ifPresentOrElse(t -> b.add("tenantId", t.value()), () -> b.addNull("tenantId"));
            a.cause().ifPresentOrElse(c -> b.add("cause", c).add("causeTitle", a.causeTitle()),
                    () -> b.addNull("cause").addNull("causeTitle"));
            a.troubleshooting().ifPresentOrElse(u -> b.add("troubleshooting", u.toString()), () -> b.addNull("troubleshooting"));
            a.reconsent().ifPresentOrElse(u -> b.add("reconsentLink", u.toString()), () -> b.addNull("reconsentLink"));
            return b.build();
        }
    },
    TEAMS {
        @Override
        JsonObject payload(Alert a) {
            JsonArrayBuilder facts = Json.createArrayBuilder();
            a.tenant().ifPresent(t -> facts.add(fact("Tenant", a.tenantName() + " (" + t.value() + ")")));
            a.cause().ifPresent(c -> facts.add(fact("Cause", c + ": " + a.causeTitle())));
            facts.add(fact("When", a.at().toString()));
            JsonArrayBuilder actions = Json.createArrayBuilder();
            a.reconsent().ifPresent(u -> actions.add(openUrl("Re-consent link", u)));
            a.troubleshooting().ifPresent(u -> actions.add(openUrl("What to do", u)));
            JsonObject card = Json.createObjectBuilder()
                    .add("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                    .add("type", "AdaptiveCard")
                    .add("version", "1.4")
                    .add("body", Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("type", "TextBlock").add("text", a.subject())
                                    .add("weight", "Bolder").add("size", "Medium").add("wrap", true))
                            .add(Json.createObjectBuilder().add("type", "TextBlock").add("text", a.detail()).add("wrap", true))
                            .add(Json.createObjectBuilder().add("type", "FactSet").add("facts", facts)))
                    .add("actions", actions)
                    .build();
            return Json.createObjectBuilder()
                    .add("type", "message")
                    .add("attachments", Json.createArrayBuilder().add(Json.createObjectBuilder()
                            .add("contentType", "application/vnd.microsoft.card.adaptive")
                            .addNull("contentUrl")
                            .add("content", card)))
                    .build();
        }

        private JsonObjectBuilder fact(String title, String value) {
            return Json.createObjectBuilder().add("title", title).add("value", value);
        }

        private JsonObjectBuilder openUrl(String title, URI url) {
            return Json.createObjectBuilder().add("type", "Action.OpenUrl").add("title", title).add("url", url.toString());
        }
    },
    SLACK {
        @Override
        JsonObject payload(Alert a) {
            StringBuilder text = new StringBuilder(escape(a.detail()));
            a.cause().ifPresent(c -> text.append("\n*Cause:* `").append(escape(c)).append("` ").append(escape(a.causeTitle())));
            a.troubleshooting().ifPresent(u -> text.append("\n<").append(u).append("|What to do>"));
            a.reconsent().ifPresent(u -> text.append("\n<").append(u).append("|Re-consent link>"));
            return Json.createObjectBuilder()
                    .add("text", escape(a.subject())) // the notification's fallback, read as mrkdwn too
                    .add("blocks", Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("type", "header").add("text", Json.createObjectBuilder()
                                    .add("type", "plain_text").add("text", cut(a.subject(), 150))))
                            .add(Json.createObjectBuilder().add("type", "section").add("text", Json.createObjectBuilder()
                                    .add("type", "mrkdwn").add("text", cut(text.toString(), 3000)))))
                    .build();
        }

        /** Slack's mrkdwn reads &, < and > as markup: escaped, so a tenant name cannot add a link. */
        private String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    };

    abstract JsonObject payload(Alert a);

    public static Optional<WebhookFormat> named(String name) {
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
