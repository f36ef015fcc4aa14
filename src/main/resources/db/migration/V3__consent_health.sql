-- One schema for H2 (the servers' default datasource) and PostgreSQL 15+: only types and syntax both take.

-- Each stored consent's health: the facts it is decided from and the state they gave when last recorded. Written on
-- every consent, keep-alive outcome, access check and token use; read by the dashboard with indexed counts and pages.
-- Never a token: ids, a display name, codes and times only. Time-driven changes (expiring, idle 90 days) are applied
-- by the queries from reconsent_by_ms, so a row needs no rewrite for time to pass.
CREATE TABLE consent_health (
    tenant_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    display_name       VARCHAR(256)  NOT NULL,
    -- display_name in lower case, for search (no expression index is common to H2 and PostgreSQL)
    name_lower         VARCHAR(256)  NOT NULL,
    state              VARCHAR(32)   NOT NULL,
    cause              VARCHAR(64),
    reconsent_by_ms    BIGINT        NOT NULL,
    last_issued_ms     BIGINT        NOT NULL,
    last_attempt_ms    BIGINT,
    last_refreshed_ms  BIGINT,
    last_outcome       VARCHAR(64),
    needs_reconsent    BOOLEAN       NOT NULL,
    mfa                BOOLEAN       NOT NULL,
    updated_ms         BIGINT        NOT NULL
);
CREATE INDEX consent_health_state ON consent_health (state, reconsent_by_ms);
CREATE INDEX consent_health_reconsent_by ON consent_health (reconsent_by_ms, tenant_id);
CREATE INDEX consent_health_name ON consent_health (name_lower);

-- Alerts raised, one row per event, tenant and day (UTC): the key is unique, so of two nodes raising the same alert
-- only the one whose insert commits sends it. Also claims the daily sweep (kind 'sweep', no tenant).
CREATE TABLE alert_raised (
    dedup_key  VARCHAR(160)  NOT NULL PRIMARY KEY,
    kind       VARCHAR(64)   NOT NULL,
    tenant_id  VARCHAR(64),
    alert_day  VARCHAR(10)   NOT NULL,
    at_ms      BIGINT        NOT NULL
);
CREATE INDEX alert_raised_kind ON alert_raised (kind, at_ms);
