import type { BoardGrant } from './boardAccess.ts'

/** The person a socket was admitted as (see BoardGrant.person). */
export type PresencePerson = NonNullable<BoardGrant['person']>

/**
 * Writes who a socket belongs to over what its presence state claims, so that
 * nobody can show up under another person's name or colour: `user` becomes
 * the session's name and colour and, when there is a tldraw presence, its
 * `userName`, `color`, `userId` and record `id` too (tldraw names users by record
 * id, `user:<id>`; our client's user record for a session person has exactly that
 * id, and its presence record is `instance_presence:<awareness client id>`). The rest of the state (cursor,
 * selection, camera) is the client's own business and stays as sent.
 *
 * A state that is an array is no presence any client reads; it is replaced by
 * the person alone rather than relayed without a name on it.
 */
export function stampPresence(state: object, person: PresencePerson, clientId: number): object {
  const user = { name: person.name, color: person.color }
  if (Array.isArray(state)) return { user }
  const stamped: Record<string, unknown> = { ...state, user }
  const presence = stamped['presence']
  if (typeof presence === 'object' && presence !== null && !Array.isArray(presence)) {
    stamped['presence'] = {
      ...presence,
      // The record id follows the awareness client id (as our client makes it), so
      // nobody can replace another person's cursor record on the other screens.
      id: `instance_presence:${clientId}`,
      userName: person.name,
      color: person.color,
      userId: `user:${person.id}`,
    }
  }
  return stamped
}
