-- Tables the Postgres templates read and write, in a schema named `marketing`.
-- psql "$DATABASE_URL" -f templates/sql/postgres-schema.sql
CREATE SCHEMA IF NOT EXISTS marketing;

-- Audience and do-not-contact sources (campaign with holdout).
CREATE TABLE IF NOT EXISTS marketing.customers (
  customer_id text PRIMARY KEY,
  email       text,
  phone       text,
  first_name  text,
  last_name   text,
  country     text,
  consent     text             -- opted_in / opted_out / unknown
);
CREATE TABLE IF NOT EXISTS marketing.suppressions (
  email       text,
  phone       text,
  customer_id text,
  reason      text,            -- unsubscribe, spam_complaint, hard_bounce, erasure_request, ...
  scope       text,            -- global, email, sms, push, or a list or brand name
  expires_at  timestamptz,
  created_at  timestamptz DEFAULT now()
);

-- Every holdout assignment (Split Holdout), and what was held back and why (Apply Suppression).
CREATE TABLE IF NOT EXISTS marketing.campaign_assignments (
  campaign    text NOT NULL,
  customer_id text NOT NULL,
  arm         text NOT NULL,
  bucket      integer,
  assigned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign, customer_id)
);
CREATE TABLE IF NOT EXISTS marketing.campaign_suppressed (
  campaign    text NOT NULL,
  customer_id text,
  email       text,
  reasons     jsonb,
  decided_at  timestamptz NOT NULL DEFAULT now()
);

-- Outcomes, and the lift results computed from them (lift report).
CREATE TABLE IF NOT EXISTS marketing.campaign_conversions (
  customer_id  text NOT NULL,
  order_id     text,
  revenue      numeric,
  converted_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS marketing.lift_results (
  campaign    text,
  computed_at timestamptz,
  arm         text,
  metric      text,
  result      jsonb
);

-- Orders (warehouse propensity, unify): customer_id is the CRM contact ID when the shop knew it.
CREATE TABLE IF NOT EXISTS marketing.orders (
  order_id    text PRIMARY KEY,
  customer_id text,
  email       text,
  ordered_at  timestamptz NOT NULL,
  amount      numeric NOT NULL
);
CREATE TABLE IF NOT EXISTS marketing.propensity_models (
  model_id    text PRIMARY KEY,
  trained_at  timestamptz NOT NULL DEFAULT now(),
  target      text,
  metrics     jsonb,
  model       jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS marketing.propensity_scores (
  customer_id text NOT NULL,
  model_id    text NOT NULL,
  score       double precision NOT NULL,
  decile      integer,
  tier        text,
  scored_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, model_id)
);

-- Identity map (unify): one row per source record, with its persistent customer ID; and one
-- golden profile per customer.
CREATE TABLE IF NOT EXISTS marketing.identity_map (
  record_key           text PRIMARY KEY,   -- "<source>:<id in that source>"
  customer_id          text NOT NULL,
  first_seen           timestamptz,
  previous_customer_id text,               -- set when a merge moved the record to another customer
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS marketing.customer_profiles (
  customer_id  text PRIMARY KEY,
  email        text,
  phone        text,
  first_name   text,
  last_name    text,
  country      text,
  sources      jsonb,
  record_count integer,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- One-click unsubscribe: opaque tokens issued at send time (one per recipient and list), and the
-- opt-out audit trail.
-- One-click unsubscribe tokens, stored only as the hex SHA-256 of the token (a bearer credential):
-- issue with INSERT ... VALUES (encode(sha256(convert_to(<token>, 'UTF8')), 'hex'), ...). A token
-- stops working after the template's lifetime (60 days from issued_at) or at expires_at if set.
CREATE TABLE IF NOT EXISTS marketing.unsubscribe_tokens (
  token_hash text PRIMARY KEY,
  email      text NOT NULL,
  list_id    text,
  issued_at  timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz
);
-- Upgrade from the first release, whose table kept the token itself (token text PRIMARY KEY, no
-- expires_at): each stored token becomes its SHA-256, so links in emails already sent keep
-- working, and the plain tokens (bearer credentials) are dropped. Safe to run again. From then on,
-- issue tokens into token_hash as above (an old sender still writing `token` fails loudly).
ALTER TABLE marketing.unsubscribe_tokens ADD COLUMN IF NOT EXISTS token_hash text;
ALTER TABLE marketing.unsubscribe_tokens ADD COLUMN IF NOT EXISTS expires_at timestamptz;
DO $upgrade$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'marketing.unsubscribe_tokens'::regclass AND attname = 'token' AND NOT attisdropped) THEN
    UPDATE marketing.unsubscribe_tokens SET token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex') WHERE token_hash IS NULL;
    ALTER TABLE marketing.unsubscribe_tokens DROP COLUMN token;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = 'marketing.unsubscribe_tokens'::regclass AND indisprimary) THEN
    ALTER TABLE marketing.unsubscribe_tokens ADD PRIMARY KEY (token_hash);
  END IF;
END
$upgrade$;
CREATE TABLE IF NOT EXISTS marketing.optout_audit (
  event_id     text,
  email        text,
  destination  text,
  status       text,
  detail       jsonb,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
