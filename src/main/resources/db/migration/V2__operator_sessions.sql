-- One schema for H2 (the servers' default datasource) and PostgreSQL 15+: only types and syntax both take.

-- Operator sessions: the sealed cookie carries a random session id, this table only its SHA-256, so a reader of the
-- table (or of a backup) learns nothing that opens a session. Every request with a session cookie reads its row, so a
-- session revoked here ends on every node at once.
CREATE TABLE operator_session (
    id_hash        VARCHAR(64)   NOT NULL PRIMARY KEY,
    operator_key   VARCHAR(110)  NOT NULL,
    operator_label VARCHAR(320)  NOT NULL,
    operator_role  VARCHAR(32),
    role_source    VARCHAR(16)   NOT NULL,
    created_ms     BIGINT        NOT NULL,
    last_used_ms   BIGINT        NOT NULL,
    revoked_ms     BIGINT,
    revoked_by     VARCHAR(320),
    revoked_why    VARCHAR(300)
);
CREATE INDEX operator_session_operator ON operator_session (operator_key, revoked_ms);
CREATE INDEX operator_session_created ON operator_session (created_ms);
