-- One schema for H2 and PostgreSQL 15+, as V1.

-- The partner's customers as Partner Center listed them, with a summary of their GDAP relationships from Graph.
-- id: the partner tenant's id and the customer's, so each partner has its own list. search_text holds the company
-- name, domain and tenant id lower-cased, for one LIKE over all three.
CREATE TABLE partner_customer (
    id                       VARCHAR(110)   NOT NULL PRIMARY KEY,
    partner_tenant_id        VARCHAR(64)    NOT NULL,
    customer_id              VARCHAR(64)    NOT NULL,
    tenant_id                VARCHAR(64)    NOT NULL,
    company_name             VARCHAR(320)   NOT NULL,
    domain_name              VARCHAR(320)   NOT NULL,
    search_text              VARCHAR(800)   NOT NULL,
    listed_ms                BIGINT         NOT NULL,
    gdap_status              VARCHAR(32)    NOT NULL,
    gdap_relationships       INTEGER        NOT NULL,
    gdap_end_ms              BIGINT,
    gdap_auto_extend         VARCHAR(16),
    gdap_roles               VARCHAR(2000)  NOT NULL,
    gdap_groups              VARCHAR(2000)  NOT NULL,
    flag_no_active           BOOLEAN        NOT NULL,
    flag_ends_soon           BOOLEAN        NOT NULL,
    flag_global_admin        BOOLEAN        NOT NULL,
    flag_roles_insufficient  BOOLEAN        NOT NULL,
    consent_outcome          VARCHAR(64),
    consent_detail           VARCHAR(1000),
    consent_ms               BIGINT
);
CREATE INDEX partner_customer_name ON partner_customer (partner_tenant_id, company_name);
CREATE INDEX partner_customer_tenant ON partner_customer (tenant_id);
