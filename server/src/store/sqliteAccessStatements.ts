import type { DatabaseSync } from 'node:sqlite'

// The SQL of the SQLite access store; accessRecords.ts turns its rows into records.

/** Every statement the access store runs, prepared once at open. */
export function prepareAccessStatements(db: DatabaseSync) {
  return {
    countFacilitators: db.prepare('SELECT COUNT(*) AS count FROM facilitators'),
    facilitator: db.prepare('SELECT * FROM facilitators WHERE id = ?'),
    facilitatorByEmail: db.prepare('SELECT id FROM facilitators WHERE email = ?'),
    facilitators: db.prepare('SELECT * FROM facilitators ORDER BY display_name, id'),
    insertFacilitator: db.prepare(
      `INSERT INTO facilitators (id, email, display_name, color, created_at, invited_by) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    credential: db.prepare('SELECT * FROM facilitator_credentials WHERE provider = ? AND subject = ?'),
    insertCredential: db.prepare(
      `INSERT INTO facilitator_credentials (provider, subject, facilitator_id, secret, created_at) VALUES (?, ?, ?, ?, ?)`,
    ),

    accountToken: db.prepare('SELECT * FROM account_tokens WHERE token_hash = ?'),
    insertAccountToken: db.prepare(
      `INSERT INTO account_tokens (token_hash, purpose, email, created_by, created_at, expires_at, used_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    // Only an unused, unexpired token is marked, so of two racing redeems one changes the row.
    useAccountToken: db.prepare(
      'UPDATE account_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
    ),
    deleteSpentAccountTokens: db.prepare('DELETE FROM account_tokens WHERE used_at IS NOT NULL OR expires_at <= ?'),

    linkOfNewSession: db.prepare('SELECT revoked_at FROM workshop_links WHERE id = ?'),
    participantOfNewSession: db.prepare('SELECT removed_at FROM participants WHERE id = ?'),
    insertSession: db.prepare(
      `INSERT INTO sessions (id_hash, role, facilitator_id, workshop_id, link_id, participant_id, csrf_token, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    session: db.prepare('SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
    deleteExpiredSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    deleteSessionsOfLink: db.prepare('DELETE FROM sessions WHERE link_id = ?'),

    workshopExists: db.prepare('SELECT id FROM workshops WHERE id = ?'),
    activeLink: db.prepare('SELECT * FROM workshop_links WHERE workshop_id = ? AND role = ? AND revoked_at IS NULL'),
    activeLinkByToken: db.prepare('SELECT * FROM workshop_links WHERE token = ? AND revoked_at IS NULL'),
    link: db.prepare('SELECT * FROM workshop_links WHERE id = ?'),
    insertLink: db.prepare(
      'INSERT INTO workshop_links (id, workshop_id, role, token, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)',
    ),
    revokeLink: db.prepare('UPDATE workshop_links SET revoked_at = ? WHERE id = ?'),
    joinCode: db.prepare('SELECT join_code FROM workshops WHERE id = ?'),
    setJoinCode: db.prepare('UPDATE workshops SET join_code = ? WHERE id = ?'),

    insertParticipant: db.prepare(
      `INSERT INTO participants (id, workshop_id, display_name, affiliation, color, link_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    participant: db.prepare('SELECT * FROM participants WHERE id = ?'),
    markParticipantRemoved: db.prepare(
      'UPDATE participants SET removed_at = COALESCE(removed_at, ?) WHERE id = ? AND workshop_id = ?',
    ),
    deleteSessionsOfParticipant: db.prepare('DELETE FROM sessions WHERE participant_id = ?'),
    participantsOfWorkshop: db.prepare('SELECT * FROM participants WHERE workshop_id = ? ORDER BY created_at, id'),
  }
}
