import { Router } from 'express'
import { z } from 'zod'
import type { PublishedDescription } from '../../../shared/src/description/challengeDescription.ts'
import type { DescriptionDiff, PublishedList, VersionList } from '../../../shared/src/description/descriptionApi.ts'
import { diffDescriptions } from '../../../shared/src/description/diffDescriptions.ts'
import { EntityId } from '../../../shared/src/schema/entityId.ts'
import { toPublicDescription } from '../description/publicDescription.ts'
import { challengeNotFound, versionNotFound } from '../errors.ts'
import type { DescriptionStore } from '../store/DescriptionStore.ts'
import type { DomainStore } from '../store/DomainStore.ts'
import { challengeOf } from './challenges.ts'
import { parseRequestPart } from './requestValidation.ts'

/** A version number in a path or query: 1, 2, … (digits only, so "01" or "1e0" name no version). */
export const VersionNumber = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, 'Must be a version number: 1, 2, …')
  .transform(Number)
  .meta({ description: 'A version number, 1 for the first published version.' })

export const VersionParams = z.strictObject({ challengeId: EntityId, version: VersionNumber })
export const DiffQuery = z.strictObject({ from: VersionNumber, to: VersionNumber })

export interface PublishedDescriptionDeps {
  domain: DomainStore
  descriptions: DescriptionStore
}

/**
 * The published challenge descriptions, for anyone (no session): the newest
 * of every challenge, a challenge's versions, one version, the changes
 * between two. Answers carry no participant names and no internal ids
 * (publicDescription.ts).
 */
export function publishedDescriptionsRouter(deps: PublishedDescriptionDeps): Router {
  const { domain, descriptions } = deps
  const router = Router()

  router.get('/published', async (_request, response) => {
    const body: PublishedList = {
      published: (await descriptions.latestPublished()).map(({ challengeId, fields, version, publishedAt }) => ({
        challengeId,
        title: fields.title,
        summary: fields.summary,
        municipality: fields.leadMunicipality.name,
        version,
        publishedAt,
      })),
    }
    response.set('Cache-Control', 'no-cache').json(body)
  })

  router.get('/challenges/:challengeId/description/versions', async (request, response) => {
    const challenge = await challengeOf(domain, request)
    const versions = await descriptions.listVersions(challenge.id)
    const body: VersionList = {
      versions: versions.map(({ version, publishedAt, publishedBy }) => ({ version, publishedAt, publishedBy })),
    }
    response.set('Cache-Control', 'no-cache').json(body)
  })

  router.get('/challenges/:challengeId/description/versions/:version', async (request, response) => {
    const { challengeId, version } = parseRequestPart(VersionParams, request.params, 'path parameters')
    const published = await publishedVersion(deps, challengeId, version)
    response.set('Cache-Control', 'no-cache').json(toPublicDescription(published))
  })

  router.get('/challenges/:challengeId/description/diff', async (request, response) => {
    const challenge = await challengeOf(domain, request)
    const { from, to } = parseRequestPart(DiffQuery, request.query, 'query parameters')
    const [before, after] = await Promise.all([
      publishedVersion(deps, challenge.id, from),
      publishedVersion(deps, challenge.id, to),
    ])
    response.set('Cache-Control', 'no-cache').json(versionDiff(before, after))
  })

  return router
}

/** One version of a challenge's description, or 404 (`challenge_not_found`, `version_not_found`). */
export async function publishedVersion(
  deps: PublishedDescriptionDeps,
  challengeId: string,
  version: number,
): Promise<PublishedDescription> {
  const published = await deps.descriptions.getVersion(challengeId, version)
  if (published !== null) return published
  if ((await deps.domain.getChallenge(challengeId)) === null) throw challengeNotFound(challengeId)
  throw versionNotFound(challengeId, version)
}

/**
 * The changes between two versions, over the fields only: sources say where
 * text came from, not what the description says, and the drafter leaves the
 * source boards (bookkeeping with internal ids) out of its diff.
 */
function versionDiff(before: PublishedDescription, after: PublishedDescription): DescriptionDiff {
  return { from: before.version, to: after.version, changes: diffDescriptions(before.fields, after.fields) }
}
