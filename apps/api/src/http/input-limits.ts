/**
 * The sizes the API accepts, in one place: the request DTOs, the query schemas, the header
 * checks and the test that bounds the largest public-history leaf all read them from here.
 *
 * Text lengths count Unicode code points (what a reader calls characters), not UTF-16 units or
 * bytes. Every accepted code point takes at most 4 bytes in a history leaf: 4 in UTF-8 at most,
 * and the only characters RFC 8785 escapes that the API lets through (TAB, LF, CR, '"', '\')
 * take 2. That is how the leaf bound in README.md ("Limits") is computed.
 */
export const INPUT_LIMITS = {
  /** names and titles: a mesa's name, scope, region, convener; a participant's name and organisation; problem and task titles; who decided; an impact indicator */
  name: 200,
  /** a public entity's code (a task's responsibleEntity, a token's entity) */
  code: 100,
  /** the unit of an impact indicator */
  unit: 50,
  /** free text: notes, descriptions, solutions, rationales, progress notes, outcomes, decisions, session summaries */
  text: 4000,
  /** why something changed: reasons for leaving, transferring, closing, rejecting, moving, cancelling, reopening */
  reason: 2000,
  /** ids in lists (a session's attendees and problems discussed) */
  list: 200,
  /** Idempotency-Key and X-Correlation-Id: visible ASCII */
  headerToken: 200,
  /** a bearer token as a whole */
  bearerToken: 4096,
  /** a token's subject */
  subject: 200,
} as const;

/** The largest leaf a history entry may have: C2SP tlog-tiles length-prefix entries in 16 bits. */
export const MAX_LEAF_BYTES = 65_535;
