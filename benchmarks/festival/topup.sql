-- One top-up in plain SQL, in one transaction: the payment row, the ledger entry, the
-- balance, the outbox row. pgbench -f topup.sql -D accounts=<n> (benchmarks/festival).
\set aid random(1, :accounts)
BEGIN;
INSERT INTO bench_payments (account_id, amount_fen, status)
    VALUES (:aid, 5000, 'succeeded') RETURNING id AS payment_id \gset
INSERT INTO bench_ledger (account_id, payment_id, amount_fen) VALUES (:aid, :payment_id, 5000);
UPDATE bench_accounts SET balance_fen = balance_fen + 5000 WHERE id = :aid;
INSERT INTO bench_outbox (aggregate_id, body)
    VALUES (:aid, '{"type": "account.credited", "fen": 5000}');
END;
