import { useEffect, useState } from 'react'
import type { FacilitationActor } from '../../../shared/src/schema/facilitationRules.ts'
import { useAppServices } from '../app/AppServicesContext.tsx'
import { LiveWorkshop } from '../workshop/LiveWorkshop.ts'

/**
 * The {@link LiveWorkshop} of a workshop for this browser's person, created when the page
 * knows both and destroyed in the cleanup (or when either changes); null until then.
 */
export function useLiveWorkshop(workshopId: string | null, actor: FacilitationActor | null): LiveWorkshop | null {
  const { api } = useAppServices()
  const [live, setLive] = useState<LiveWorkshop | null>(null)
  const role = actor?.role ?? null
  const facilitatorId = actor?.facilitatorId ?? null
  const participantId = actor?.participantId ?? null
  useEffect(() => {
    if (workshopId === null || role === null) return
    const created = new LiveWorkshop({
      workshopId,
      actor: { role, facilitatorId, participantId },
      api,
      openEvents: (url) => new EventSource(url),
    })
    setLive(created)
    return () => {
      setLive(null)
      created.destroy()
    }
  }, [workshopId, role, facilitatorId, participantId, api])
  return live
}
