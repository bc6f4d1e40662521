// The SQL of the Postgres access store: the statements of sqliteAccessStatements.ts with Postgres'
// numbered parameters ($1 …), with the row locks that make a read-then-write hold while other server instances
// write the same rows (see postgresAccessStore.ts), and text ordered byte-wise (COLLATE "C") as
// SQLite orders it, whatever the database's locale. accessRecords.ts turns the rows into records.

export const accessSql = {
  countFacilitators: 'SELECT COUNT(*) AS count FROM facilitators',
  /**
   * Accounts are made one at a time. The mode conflicts with itself and with row writes to the
   * table, not with reads nor with the key locks that sessions' and versions' references take.
   */
  lockAccounts: 'LOCK TABLE facilitators IN SHARE ROW EXCLUSIVE MODE',
  facilitator: 'SELECT * FROM facilitators WHERE id = $1',
  facilitatorByEmail: 'SELECT id FROM facilitators WHERE email = $1',
  facilitators: 'SELECT * FROM facilitators ORDER BY display_name COLLATE "C", id COLLATE "C"',
  insertFacilitator: `INSERT INTO facilitators (id, email, display_name, color, created_at, invited_by)
    VALUES ($1, $2, $3, $4, $5, $6)`,
  credential: 'SELECT * FROM facilitator_credentials WHERE provider = $1 AND subject = $2',
  insertCredential: `INSERT INTO facilitator_credentials (provider, subject, facilitator_id, secret, created_at)
    VALUES ($1, $2, $3, $4, $5)`,

  accountToken: 'SELECT * FROM account_tokens WHERE token_hash = $1',
  insertAccountToken: `INSERT INTO account_tokens (token_hash, purpose, email, created_by, created_at, expires_at, used_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  // Only an unused, unexpired token is marked. A second redeem waits for the first's row lock and
  // then re-checks the condition on the committed row, so of two racing redeems one returns a row.
  useAccountToken: `UPDATE account_tokens SET used_at = $1
    WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING token_hash`,
  deleteSpentAccountTokens: 'DELETE FROM account_tokens WHERE used_at IS NOT NULL OR expires_at <= $1',

  insertSession: `INSERT INTO sessions
    (id_hash, role, facilitator_id, workshop_id, link_id, participant_id, csrf_token, created_at, expires_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
  session: 'SELECT * FROM sessions WHERE id_hash = $1 AND expires_at > $2',
  deleteSession: 'DELETE FROM sessions WHERE id_hash = $1',
  deleteExpiredSessions: 'DELETE FROM sessions WHERE expires_at <= $1',
  deleteSessionsOfLink: 'DELETE FROM sessions WHERE link_id = $1',
  // FOR SHARE waits for a rotation or removal under way (they update these rows) and reads its outcome.
  linkOfNewSession: 'SELECT revoked_at FROM workshop_links WHERE id = $1 FOR SHARE',
  participantOfNewSession: 'SELECT removed_at FROM participants WHERE id = $1 FOR SHARE',

  /** Links are made and rotated with the workshop row held: one at a time per workshop, on every instance. */
  lockWorkshop: 'SELECT id FROM workshops WHERE id = $1 FOR NO KEY UPDATE',
  /** Keeps the workshop from going until commit, without holding up anyone else who only refers to it. */
  keepWorkshop: 'SELECT id FROM workshops WHERE id = $1 FOR KEY SHARE',
  activeLink: 'SELECT * FROM workshop_links WHERE workshop_id = $1 AND role = $2 AND revoked_at IS NULL',
  activeLinkByToken: 'SELECT * FROM workshop_links WHERE token = $1 AND revoked_at IS NULL',
  keepLink: 'SELECT * FROM workshop_links WHERE id = $1 FOR KEY SHARE',
  insertLink: `INSERT INTO workshop_links (id, workshop_id, role, token, created_at, revoked_at)
    VALUES ($1, $2, $3, $4, $5, NULL)`,
  revokeLink: 'UPDATE workshop_links SET revoked_at = $1 WHERE id = $2',
  joinCode: 'SELECT join_code FROM workshops WHERE id = $1',
  setJoinCode: 'UPDATE workshops SET join_code = $1 WHERE id = $2',

  // Of two creations of one id, the second waits for the first and then inserts nothing.
  insertParticipant: `INSERT INTO participants (id, workshop_id, display_name, affiliation, color, link_id, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
  participant: 'SELECT * FROM participants WHERE id = $1',
  markParticipantRemoved: `UPDATE participants SET removed_at = COALESCE(removed_at, $1)
    WHERE id = $2 AND workshop_id = $3 RETURNING *`,
  deleteSessionsOfParticipant: 'DELETE FROM sessions WHERE participant_id = $1',
  participantsOfWorkshop: 'SELECT * FROM participants WHERE workshop_id = $1 ORDER BY created_at, id COLLATE "C"',
} as const
