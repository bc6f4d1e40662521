import { Router, type Response } from 'express'
import { FacilitationAction, liveEvents, type FacilitationSnapshot, type LiveClock } from '../../../shared/src/schema/facilitation.ts'
import { workshopTarget } from '../audit/auditLog.ts'
import { roomRuleEntry } from '../audit/roomActions.ts'
import { requireWorkshopRole, type WorkshopAccess } from '../auth/requestAccess.ts'
import type { FacilitationHub, FacilitationStream } from '../workshop/facilitationHub.ts'
import { parseRequestPart } from './requestValidation.ts'
import { workshopOf, type WorkshopApiDeps } from './workshops.ts'

export interface FacilitationRouteDeps extends WorkshopApiDeps {
  facilitation: FacilitationHub
}

/**
 * A workshop's room as the facilitator leads it: everyone in the workshop follows its state as
 * a stream of events; facilitators (and participants, for their own hand and readiness) change
 * it with one action at a time, which the server judges by the shared rules.
 */
export function facilitationRouter(deps: FacilitationRouteDeps): Router {
  const { domain, facilitation } = deps
  const router = Router()

  router.get('/workshops/:workshopId/live', async (request, response) => {
    const workshop = await workshopOf(domain, request)
    const access = requireWorkshopRole(request, response, workshop)
    response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // A proxy that buffers responses would hold every event back.
      'X-Accel-Buffering': 'no',
    })
    response.flushHeaders()
    // A browser that lost the stream asks again after 2 s rather than its default 3–5.
    response.write('retry: 2000\n\n')
    const stream = eventStream(workshop.id, access, response)
    const remove = await facilitation.open(stream)
    if (response.writableEnded || response.destroyed) remove()
    else response.on('close', remove)
  })

  router.post('/workshops/:workshopId/facilitation', async (request, response) => {
    const workshop = await workshopOf(domain, request)
    const access = requireWorkshopRole(request, response, workshop)
    const action = parseRequestPart(FacilitationAction, request.body ?? {}, 'request body')
    const actor = {
      role: access.role,
      facilitatorId: access.facilitator?.account.id ?? null,
      participantId: access.guest?.participant?.id ?? null,
    }
    const snapshot = await facilitation.act(workshop.id, action, actor)
    const entry = access.facilitator === null ? null : roomRuleEntry(action, snapshot.state)
    if (access.facilitator !== null && entry !== null) {
      await deps.audit.record(access.facilitator.account, entry.action, { ...workshopTarget(workshop), stepId: entry.stepId, detail: entry.detail })
    }
    response.set('Cache-Control', 'no-store').json(snapshot satisfies FacilitationSnapshot)
  })

  return router
}

/** The stream as Server-Sent Events: `facilitation` with a snapshot, `clock` with the server's time. */
function eventStream(workshopId: string, access: WorkshopAccess, response: Response): FacilitationStream {
  const session = access.facilitator?.session ?? access.guest?.session
  const write = (event: string, data: unknown): void => {
    if (!response.writableEnded) response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }
  return {
    workshopId,
    viewer: {
      sessionIdHash: session?.idHash ?? '',
      linkId: session?.linkId ?? null,
      role: access.role,
      personId: access.facilitator?.account.id ?? access.guest?.participant?.id ?? null,
    },
    send: (snapshot) => write(liveEvents.facilitation, snapshot),
    clock: (serverNow) => write(liveEvents.clock, { serverNow } satisfies LiveClock),
    end: (why) => {
      if (why === 'sessionEnded') write(liveEvents.end, {})
      response.end()
    },
  }
}
