package dev.partnerconsent.standin.keyvault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Key Vault's JSON shapes: SecretBundle, SecretItem, DeletedSecretBundle, DeletedSecretItem and their parsing. */
final class SecretJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RECOVERY_LEVEL = "Recoverable+Purgeable";

    private final String vaultUrl;

    SecretJson(String vaultUrl) {
        this.vaultUrl = vaultUrl;
    }

    /** SecretBundle; the value only where Key Vault returns it (get, set). */
    ObjectNode bundle(StoredSecret secret, SecretVersion version, boolean withValue) {
        ObjectNode node = NODES.objectNode();
        if (withValue) {
            node.put("value", version.value());
        }
        node.put("id", versionId(secret, version));
        common(node, version);
        return node;
    }

    /** SecretItem: no value; the id names the secret (list) or the version (list versions). */
    ObjectNode item(StoredSecret secret, SecretVersion version, boolean versionId) {
        ObjectNode node = NODES.objectNode();
        node.put("id", versionId ? versionId(secret, version) : secretId(secret));
        common(node, version);
        return node;
    }

    ObjectNode deletedBundle(StoredSecret secret) {
        return deleted(bundle(secret, secret.latest(), false), secret);
    }

    ObjectNode deletedItem(StoredSecret secret) {
        return deleted(item(secret, secret.latest(), false), secret);
    }

    static SecretStore.SetRequest parseSet(JsonNode body) {
        JsonNode attributes = body.path("attributes");
        JsonNode value = body.get("value");
        return new SecretStore.SetRequest(value == null || value.isNull() ? null : value.asText(),
                text(body, "contentType"), tags(body), bool(attributes, "enabled"), time(attributes, "nbf"),
                time(attributes, "exp"));
    }

    static SecretStore.UpdateRequest parseUpdate(JsonNode body) {
        JsonNode attributes = body.path("attributes");
        return new SecretStore.UpdateRequest(text(body, "contentType"), tags(body), bool(attributes, "enabled"),
                time(attributes, "nbf"), time(attributes, "exp"));
    }

    private ObjectNode deleted(ObjectNode node, StoredSecret secret) {
        ObjectNode result = NODES.objectNode();
        result.put("recoveryId", vaultUrl + "/deletedsecrets/" + secret.name());
        result.put("deletedDate", secret.deletedOn().getEpochSecond());
        result.put("scheduledPurgeDate", secret.scheduledPurgeDate().getEpochSecond());
        result.setAll(node);
        return result;
    }

    private static void common(ObjectNode node, SecretVersion version) {
        if (version.contentType() != null) {
            node.put("contentType", version.contentType());
        }
        ObjectNode attributes = node.putObject("attributes");
        attributes.put("enabled", version.enabled());
        if (version.notBefore() != null) {
            attributes.put("nbf", version.notBefore().getEpochSecond());
        }
        if (version.expires() != null) {
            attributes.put("exp", version.expires().getEpochSecond());
        }
        attributes.put("created", version.created().getEpochSecond());
        attributes.put("updated", version.updated().getEpochSecond());
        attributes.put("recoveryLevel", RECOVERY_LEVEL);
        attributes.put("recoverableDays", SecretStore.RECOVERABLE_DAYS);
        if (!version.tags().isEmpty()) {
            ObjectNode tags = node.putObject("tags");
            version.tags().forEach(tags::put);
        }
    }

    private String secretId(StoredSecret secret) {
        return vaultUrl + "/secrets/" + secret.name();
    }

    private String versionId(StoredSecret secret, SecretVersion version) {
        return secretId(secret) + "/" + version.version();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw VaultError.badParameter("Property attributes." + field + " must be a boolean.");
        }
        return value.booleanValue();
    }

    private static Instant time(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToLong()) {
            throw VaultError.badParameter("Property attributes." + field + " must be a Unix time in seconds.");
        }
        return Instant.ofEpochSecond(value.longValue());
    }

    private static Map<String, String> tags(JsonNode body) {
        JsonNode tags = body.get("tags");
        if (tags == null || tags.isNull()) {
            return null;
        }
        if (!tags.isObject()) {
            throw VaultError.badParameter("Property tags must be an object of strings.");
        }
        Map<String, String> result = new LinkedHashMap<>();
        tags.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
        return result;
    }
}
