-- One schema for H2 (the servers' default datasource) and PostgreSQL 15+: only types and syntax both take.

-- Audit trail: append-only, each row chained to the previous one by its hash.
CREATE TABLE audit_event (
    seq        BIGINT        NOT NULL PRIMARY KEY,
    at_ms      BIGINT        NOT NULL,
    kind       VARCHAR(64)   NOT NULL,
    actor      VARCHAR(320)  NOT NULL,
    tenant_id  VARCHAR(64),
    subject    VARCHAR(320),
    detail     VARCHAR(1000),
    prev_hash  VARCHAR(64)   NOT NULL,
    hash       VARCHAR(64)   NOT NULL
);
CREATE INDEX audit_event_at ON audit_event (at_ms);
CREATE INDEX audit_event_tenant ON audit_event (tenant_id, seq);
CREATE INDEX audit_event_kind ON audit_event (kind, seq);

-- The chain's head: every append locks this one row, so appends are serial across nodes.
-- pruned_* name where the kept part of the chain begins after retention pruning.
CREATE TABLE audit_chain_head (
    id           INTEGER      NOT NULL PRIMARY KEY,
    last_seq     BIGINT       NOT NULL,
    last_hash    VARCHAR(64)  NOT NULL,
    pruned_below BIGINT       NOT NULL,
    pruned_hash  VARCHAR(64)  NOT NULL
);
INSERT INTO audit_chain_head (id, last_seq, last_hash, pruned_below, pruned_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 1,
        '0000000000000000000000000000000000000000000000000000000000000000');

-- One row per tenant, locked while one of its rotations runs: rotations of a tenant are serial across nodes.
CREATE TABLE tenant_rotation (
    tenant_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    rotations  BIGINT       NOT NULL
);

-- Keep-alive runs and each tenant's outcome.
CREATE TABLE keepalive_run (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    tenant_id        VARCHAR(64),
    run_trigger      VARCHAR(320)  NOT NULL,
    node             VARCHAR(200)  NOT NULL,
    started_ms       BIGINT        NOT NULL,
    ended_ms         BIGINT,
    consents         INTEGER       NOT NULL,
    refreshed        INTEGER       NOT NULL,
    failed           INTEGER       NOT NULL,
    needs_reconsent  INTEGER       NOT NULL,
    skipped          INTEGER       NOT NULL,
    aborted_because  VARCHAR(1000)
);
CREATE INDEX keepalive_run_started ON keepalive_run (started_ms);

-- id: the run's id and the tenant's, so one run holds a tenant once (a node continuing a run skips claimed tenants)
CREATE TABLE keepalive_outcome (
    id               VARCHAR(110)  NOT NULL PRIMARY KEY,
    run_id           VARCHAR(36)   NOT NULL,
    tenant_id        VARCHAR(64)   NOT NULL,
    code             VARCHAR(64)   NOT NULL,
    ok               BOOLEAN       NOT NULL,
    needs_reconsent  BOOLEAN       NOT NULL,
    detail           VARCHAR(1000),
    version          VARCHAR(64),
    disabled         INTEGER       NOT NULL,
    claimed_ms       BIGINT        NOT NULL
);
CREATE INDEX keepalive_outcome_run ON keepalive_outcome (run_id, claimed_ms);

-- The cluster's keep-alive lease: who runs keep-alive, until when, and a number that grows with each taking.
CREATE TABLE keepalive_lease (
    name        VARCHAR(64)   NOT NULL PRIMARY KEY,
    holder      VARCHAR(200),
    expires_ms  BIGINT        NOT NULL,
    fencing     BIGINT        NOT NULL,
    run_id      VARCHAR(36)
);
INSERT INTO keepalive_lease (name, holder, expires_ms, fencing, run_id) VALUES ('keepalive', NULL, 0, 0, NULL);
