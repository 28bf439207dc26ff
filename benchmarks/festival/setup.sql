-- The pgbench baseline's scratch tables (the festival's schema): the plain SQL of a top-up.
DROP TABLE IF EXISTS bench_outbox, bench_ledger, bench_payments, bench_accounts;
CREATE TABLE bench_accounts (id integer PRIMARY KEY, balance_fen bigint NOT NULL);
CREATE TABLE bench_payments (
    id bigserial PRIMARY KEY,
    account_id integer NOT NULL REFERENCES bench_accounts (id),
    amount_fen bigint NOT NULL,
    status text NOT NULL
);
CREATE TABLE bench_ledger (
    id bigserial PRIMARY KEY,
    account_id integer NOT NULL REFERENCES bench_accounts (id),
    payment_id bigint NOT NULL REFERENCES bench_payments (id),
    amount_fen bigint NOT NULL
);
CREATE TABLE bench_outbox (
    id bigserial PRIMARY KEY,
    aggregate_id text NOT NULL,
    body jsonb NOT NULL,
    sent boolean NOT NULL DEFAULT false
);
INSERT INTO bench_accounts SELECT g, 2000 FROM generate_series(1, :accounts) AS g;
