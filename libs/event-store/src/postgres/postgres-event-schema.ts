/**
 * The PostgreSQL event store's schema: its tables, indexes and the server-side append functions.
 * Every statement is idempotent (IF NOT EXISTS, OR REPLACE): `ensureSchema` runs it under a lock
 * when something is missing.
 */

export const EVENT_ID_UNIQUE = 'es_events_event_id_unique';

export function ddl(s: string): string {
  return `
CREATE TABLE IF NOT EXISTS ${s}.es_streams (
  stream_id text PRIMARY KEY,
  version   integer NOT NULL CHECK (version > 0)
);
CREATE TABLE IF NOT EXISTS ${s}.es_events (
  global_position bigserial PRIMARY KEY,
  transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
  event_id        text NOT NULL,
  stream_id       text NOT NULL,
  stream_version  integer NOT NULL,
  type            text NOT NULL,
  schema_version  integer NOT NULL,
  occurred_at     text NOT NULL,
  recorded_at     text NOT NULL,
  command_id      text NOT NULL,
  data            json NOT NULL,
  metadata        json NOT NULL,
  CONSTRAINT ${EVENT_ID_UNIQUE} UNIQUE (event_id),
  CONSTRAINT es_events_stream_version_unique UNIQUE (stream_id, stream_version)
);
CREATE INDEX IF NOT EXISTS es_events_log ON ${s}.es_events (transaction_id, global_position);
CREATE INDEX IF NOT EXISTS es_events_command ON ${s}.es_events (command_id);
${appendGroupFunction(s)}
`;
}

/**
 * Group commit: several appends in one call, one transaction, one commit. Every stream lock of
 * the group is taken first, in one global order (sorted keys: two groups can never wait on each
 * other in a cycle), before the transaction writes and so before it has an id — the property
 * the single append keeps, so the log order still keeps every stream's order. Then each append
 * runs in a subtransaction of its own (a plpgsql exception block): a version mismatch, a lost
 * "no stream" race or a duplicate event id rolls back that append alone and is reported in its
 * row; the others commit. Appends run in the order given, each seeing the ones before it.
 * `p_group` is a json array (json, not jsonb, so that event data is stored as sent), read with
 * json_to_recordset: each append and each event is parsed once into typed columns (a json column
 * keeps the field's text as sent), not again at every `->>` of a field.
 */
function appendGroupFunction(s: string): string {
  return `
CREATE OR REPLACE FUNCTION ${s}.mesas_append_group(p_group json, p_recorded_at text)
RETURNS TABLE (idx integer, outcome text, global_position bigint, stream_version integer,
  transaction_id text, detail text)
LANGUAGE plpgsql AS $fn$
DECLARE
  a record;
  i integer := 0;
  n integer;
  previous integer;
  kind text;
  stream text;
  expected integer;
  failed_constraint text;
  failed_detail text;
BEGIN
  FOR a IN
    SELECT DISTINCT g.lock FROM json_to_recordset(p_group) AS g(lock text) ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended(a.lock, 0));
  END LOOP;
  FOR a IN
    SELECT g.stream, g.kind, g.expected, g.events
    FROM json_to_recordset(p_group) AS g(stream text, kind text, expected integer, events json)
  LOOP
    stream := a.stream;
    kind := a.kind;
    expected := a.expected;
    n := json_array_length(a.events);
    BEGIN
      IF kind = 'no_stream' THEN
        INSERT INTO ${s}.es_streams (stream_id, version) VALUES (stream, n);
        previous := 0;
      ELSIF kind = 'exact' THEN
        UPDATE ${s}.es_streams SET version = expected + n
          WHERE stream_id = stream AND version = expected;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'stream % is not at version %', stream, expected
            USING ERRCODE = '${VERSION_MISMATCH}';
        END IF;
        previous := expected;
      ELSIF kind = 'stream_exists' THEN
        UPDATE ${s}.es_streams AS st SET version = st.version + n WHERE st.stream_id = stream
          RETURNING st.version - n INTO previous;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'stream % does not exist', stream USING ERRCODE = '${VERSION_MISMATCH}';
        END IF;
      ELSE
        INSERT INTO ${s}.es_streams AS st (stream_id, version) VALUES (stream, n)
          ON CONFLICT (stream_id) DO UPDATE SET version = st.version + EXCLUDED.version
          RETURNING st.version - n INTO previous;
      END IF;
      RETURN QUERY
      INSERT INTO ${s}.es_events AS ev (event_id, stream_id, stream_version, type,
          schema_version, occurred_at, recorded_at, command_id, data, metadata)
        SELECT e.event_id, stream, previous + e.ord::integer, e.type, e.schema_version,
          e.occurred_at, p_recorded_at, e.command_id, e.data, e.metadata
        FROM ROWS FROM (json_to_recordset(a.events) AS ("eventId" text, "type" text,
            "schemaVersion" integer, "occurredAt" text, "commandId" text, data json,
            metadata json))
          WITH ORDINALITY AS e(event_id, type, schema_version, occurred_at, command_id, data,
            metadata, ord)
        ORDER BY e.ord
        RETURNING i, 'ok'::text, ev.global_position, ev.stream_version,
          ev.transaction_id::text, NULL::text;
    EXCEPTION
      WHEN unique_violation THEN
        GET STACKED DIAGNOSTICS failed_constraint = CONSTRAINT_NAME, failed_detail = PG_EXCEPTION_DETAIL;
        RETURN QUERY SELECT i,
          CASE WHEN failed_constraint = '${EVENT_ID_UNIQUE}' THEN 'duplicate' ELSE 'conflict' END,
          NULL::bigint, NULL::integer, NULL::text, failed_detail;
      WHEN SQLSTATE '${VERSION_MISMATCH}' THEN
        RETURN QUERY SELECT i, 'conflict'::text, NULL::bigint, NULL::integer, NULL::text,
          NULL::text;
    END;
    i := i + 1;
  END LOOP;
END
$fn$;`;
}

/** SQLSTATE the append function raises when the stream is not at the expected version. */
export const VERSION_MISMATCH = 'MS409';
