import { useEffect, useState } from 'react'
import { PrivateBoardList } from '../../../shared/src/schema/workshopApi.ts'
import { Observable } from '../app/Observable.ts'
import { fetchApi } from '../app/publicApi.ts'
import { syncServerUrl } from '../board/BoardCopy.ts'
import { PrivateBoardsWatch, type PrivateBoardsView } from '../board/PrivateBoardsWatch.ts'
import { useObservable } from './useObservable.ts'

const nothingWatched = new Observable<PrivateBoardsView>({ people: [], loaded: false })

/** What a facilitator sees of the step's private boards (see PrivateBoardsWatch); watched while `stepId` is set. */
export function usePrivateBoardsWatch(stepId: string | null): PrivateBoardsView {
  const [watch, setWatch] = useState<PrivateBoardsWatch | null>(null)
  useEffect(() => {
    if (stepId === null) return
    const created = new PrivateBoardsWatch({
      stepId,
      list: (id) => fetchApi(`/api/steps/${id}/private-boards`, PrivateBoardList),
      serverUrl: syncServerUrl(window.location),
    })
    setWatch(created)
    return () => {
      setWatch(null)
      created.destroy()
    }
  }, [stepId])
  return useObservable(watch?.view ?? nothingWatched)
}
