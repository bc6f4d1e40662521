import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/src/config.ts'
import { ConfigError } from '../../server/src/errors.ts'

// TRUST_PROXY: which reverse proxies' X-Forwarded-For the server believes (Express 'trust proxy').

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.message
    throw error
  }
  throw new Error('Expected a ConfigError.')
}

describe('TRUST_PROXY', () => {
  it('is off unless set', () => {
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false)
  })

  it('takes a number of hops, or addresses, subnets and named ranges', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(loadConfig({ TRUST_PROXY: ' 2 ' }).trustProxy).toBe(2)
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback'])
    expect(loadConfig({ TRUST_PROXY: 'Loopback, 10.0.0.0/8,192.168.1.20, fd00::/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.168.1.20',
      'fd00::/8',
    ])
  })

  it('refuses true (a client could pick its own address) and anything that is not a proxy address', () => {
    expect(configError({ TRUST_PROXY: 'true' })).toContain('TRUST_PROXY (got "true"): true would believe any X-Forwarded-For')
    for (const value of ['yes', 'proxy.kommune.no', '10.0.0.0/33', '10.0.0.1/8/8', '300.1.1.1', '1.5']) {
      expect(configError({ TRUST_PROXY: value })).toContain(`TRUST_PROXY (got "${value}"): how many reverse proxies`)
    }
  })
})
