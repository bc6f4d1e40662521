import { useEffect, useState } from 'react'
import type { PrivateWriting } from '../../../shared/src/schema/facilitation.ts'
import { PrivateBoardAnswer } from '../../../shared/src/schema/workshopApi.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import type { BoardConnection } from '../board/BoardConnection.ts'
import { PrivateBoardConnection } from '../board/PrivateBoardConnection.ts'
import { PrivateDesk } from '../board/PrivateDesk.ts'

/**
 * A participant's {@link PrivateDesk} on a step's board: created once the board is open and the
 * participant known, given the room's private writing as it changes, destroyed in the cleanup.
 * Pass a null connection or person for anyone who does not write privately (facilitators, observers).
 */
export function usePrivateDesk(connection: BoardConnection | null, stepId: string | null, personId: string | null, writing: PrivateWriting | null): void {
  const { api } = useAppServices()
  const [desk, setDesk] = useState<PrivateDesk | null>(null)
  useEffect(() => {
    if (connection === null || stepId === null || personId === null) return
    const created = new PrivateDesk({
      stepId,
      personId,
      router: connection.privateNotes,
      requestBoard: async (id) =>
        (await api.send({ method: 'POST', path: `/api/steps/${id}/private-board`, as: 'guest', response: PrivateBoardAnswer })).boardId,
      openBoard: (boardId) =>
        new PrivateBoardConnection({
          boardId,
          location: window.location,
          store: connection.store,
          router: connection.privateNotes,
          onRefused: (reason, undone) => connection.tell(reason, undone),
        }),
    })
    setDesk(created)
    return () => {
      setDesk(null)
      created.destroy()
    }
  }, [connection, stepId, personId, api])
  useEffect(() => {
    desk?.setWriting(writing)
  }, [desk, writing])
}
