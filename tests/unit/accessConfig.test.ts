import { describe, expect, it } from 'vitest'
import { loadConfig, resolvePublicUrl } from '../../server/src/config.ts'
import { ConfigError } from '../../server/src/errors.ts'

// PUBLIC_URL and SCRATCH_BOARDS: parsed once, with defaults that work on a laptop.

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.message
    throw error
  }
  throw new Error('Expected a ConfigError.')
}

describe('access configuration', () => {
  it('defaults the public URL to localhost on PORT, and scratch boards to facilitators only', () => {
    expect(loadConfig({})).toMatchObject({ publicUrl: 'http://localhost:8080', scratchBoards: 'facilitators' })
    expect(loadConfig({ PORT: '3000' }).publicUrl).toBe('http://localhost:3000')
    expect(loadConfig({ SCRATCH_BOARDS: 'anyone' }).scratchBoards).toBe('anyone')
  })

  it('keeps PUBLIC_URL without a trailing slash, path included', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://samskap.kommune.no/' }).publicUrl).toBe('https://samskap.kommune.no')
    expect(loadConfig({ PUBLIC_URL: 'https://kommune.no/samskap/' }).publicUrl).toBe('https://kommune.no/samskap')
  })

  it('names a bad PUBLIC_URL or SCRATCH_BOARDS and what they accept', () => {
    const message = configError({ PUBLIC_URL: 'samskap.kommune.no', SCRATCH_BOARDS: 'everyone' })
    expect(message).toContain('PUBLIC_URL (got "samskap.kommune.no"): the address people open the app at')
    expect(message).toContain('SCRATCH_BOARDS (got "everyone"): one of facilitators, anyone')
    expect(configError({ PUBLIC_URL: 'ftp://x.no' })).toContain('PUBLIC_URL')
    expect(configError({ PUBLIC_URL: 'https://x.no/?a=1' })).toContain('PUBLIC_URL')
  })

  it('puts the real port into the default public URL when PORT is 0', () => {
    const config = loadConfig({ PORT: '0' })
    expect(resolvePublicUrl(config, 'http://127.0.0.1:43210')).toBe('http://127.0.0.1:43210')
    expect(resolvePublicUrl(loadConfig({ PORT: '0', PUBLIC_URL: 'https://x.no' }), 'http://127.0.0.1:1')).toBe('https://x.no')
  })
})
