import { isIPv6 } from 'node:net'

// The address a guess counts against, shared by the sign-in and join-code throttles.

/**
 * What an address is counted as: an IPv4 address itself (also written as IPv6), an IPv6 address
 * as its /64 network, which one home or office gets whole, so that its 2^64 addresses count as one.
 */
export function addressGroup(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)
  if (mapped?.[1] !== undefined) return mapped[1]
  const plain = address.split('%')[0] ?? address
  if (!isIPv6(plain) || plain.includes('.')) return address
  const [head = '', tail] = plain.toLowerCase().split('::')
  const headGroups = head === '' ? [] : head.split(':')
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':')
  const groups = [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`
}
