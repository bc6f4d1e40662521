/**
 * CPU and memory of a process, read from /proc (Linux). CPU counts every thread
 * of the process (main thread, libuv pool, V8 GC helpers) in user + system time,
 * which is what the machine pays for it.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

const clockTicksPerSecond = readClockTicks()

function readClockTicks(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim())
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100
  } catch {
    return 100
  }
}

/** utime and stime of a /proc stat line in milliseconds; the comm field may contain spaces and parentheses. */
function userSystemMs(stat: string): { user: number; system: number } {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  return {
    user: (Number(fields[11]) * 1000) / clockTicksPerSecond,
    system: (Number(fields[12]) * 1000) / clockTicksPerSecond,
  }
}

function cpuMsFromStat(stat: string): number {
  const { user, system } = userSystemMs(stat)
  return user + system
}

/** CPU time (user + system, all threads) the process has used so far, in ms. */
export function readCpuMs(pid: number): number {
  return cpuMsFromStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))
}

/** User and system (kernel: syscalls, network stack, disk) CPU time so far, all threads, in ms. */
export function readUserSystemMs(pid: number): { user: number; system: number } {
  return userSystemMs(readFileSync(`/proc/${pid}/stat`, 'utf8'))
}

/** Resident set size in MiB. */
export function readRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)
  if (!match?.[1]) throw new Error(`no VmRSS for pid ${pid}`)
  return Number(match[1]) / 1024
}

/** CPU time so far per thread name (threads with the same name are summed), in ms. */
export function readThreadCpuMs(pid: number): Map<string, number> {
  const byName = new Map<string, number>()
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
    } catch {
      continue // the thread ended while we listed them
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    byName.set(name, (byName.get(name) ?? 0) + cpuMsFromStat(stat))
  }
  return byName
}

export interface CpuWindow {
  /** Mean CPU over the window in % of one core (200 % = both cores of a 2-core machine). */
  cpuPercent: number
  /** The part of cpuPercent spent in the kernel (socket writes and reads, fsync …). */
  systemPercent: number
  cpuMs: number
  wallMs: number
  rssMeanMiB: number
  rssMaxMiB: number
  /** CPU % per thread name over the window, largest first. */
  threads: Array<{ name: string; cpuPercent: number }>
}

/**
 * Samples a process between start() and stop(): CPU from the /proc counters at
 * both ends, RSS every `intervalMs`.
 */
export class ProcessSampler {
  readonly #pid: number
  readonly #intervalMs: number
  #startCpu = 0
  #startSystem = 0
  #startWall = 0
  #startThreads = new Map<string, number>()
  #rss: number[] = []
  #timer: NodeJS.Timeout | undefined

  constructor(pid: number, intervalMs = 250) {
    this.#pid = pid
    this.#intervalMs = intervalMs
  }

  start(): void {
    const start = readUserSystemMs(this.#pid)
    this.#startCpu = start.user + start.system
    this.#startSystem = start.system
    this.#startThreads = readThreadCpuMs(this.#pid)
    this.#startWall = performance.now()
    this.#rss = [readRssMiB(this.#pid)]
    this.#timer = setInterval(() => {
      try {
        this.#rss.push(readRssMiB(this.#pid))
      } catch {
        clearInterval(this.#timer)
      }
    }, this.#intervalMs)
  }

  stop(): CpuWindow {
    clearInterval(this.#timer)
    const wallMs = performance.now() - this.#startWall
    const end = readUserSystemMs(this.#pid)
    const cpuMs = end.user + end.system - this.#startCpu
    const systemMs = end.system - this.#startSystem
    this.#rss.push(readRssMiB(this.#pid))
    const threads = [...readThreadCpuMs(this.#pid)]
      .map(([name, ms]) => ({ name, cpuPercent: ((ms - (this.#startThreads.get(name) ?? 0)) / wallMs) * 100 }))
      .filter((thread) => thread.cpuPercent >= 0.5)
      .sort((a, b) => b.cpuPercent - a.cpuPercent)
    return {
      cpuPercent: (cpuMs / wallMs) * 100,
      systemPercent: (systemMs / wallMs) * 100,
      cpuMs,
      wallMs,
      rssMeanMiB: this.#rss.reduce((sum, value) => sum + value, 0) / this.#rss.length,
      rssMaxMiB: Math.max(...this.#rss),
      threads,
    }
  }
}

interface ProcessEntry {
  pid: number
  ppid: number
  name: string
  cpuMs: number
}

/** Every process on the machine, from /proc. */
function readAllProcesses(): ProcessEntry[] {
  const processes: ProcessEntry[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // the process ended while we listed them
    }
    // After the comm's closing parenthesis: field 3 (state), then field 4 (ppid).
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    processes.push({ pid: Number(entry), ppid, name, cpuMs: cpuMsFromStat(stat) })
  }
  return processes
}

/** Pids of `parent` and its children (not grandchildren), from /proc: a Postgres server and its backends. */
export function processAndChildren(parent: number): number[] {
  return [parent, ...readAllProcesses().filter((entry) => entry.ppid === parent).map((entry) => entry.pid)]
}

/**
 * CPU of a group of processes whose members may come and go (Postgres forks a backend per
 * connection): the members are listed at both ends; one that appeared meanwhile counts with all
 * its CPU, one that ended meanwhile loses what it used after the start.
 */
export class ProcessGroupSampler {
  readonly #pids: () => number[]
  #start = new Map<number, number>()
  #startWall = 0

  constructor(pids: () => number[]) {
    this.#pids = pids
  }

  start(): void {
    this.#start = this.#read()
    this.#startWall = performance.now()
  }

  stop(): { cpuPercent: number; processes: number } {
    const wallMs = performance.now() - this.#startWall
    const end = this.#read()
    let cpuMs = 0
    for (const [pid, ms] of end) cpuMs += ms - (this.#start.get(pid) ?? 0)
    return { cpuPercent: (cpuMs / wallMs) * 100, processes: end.size }
  }

  #read(): Map<number, number> {
    const cpu = new Map<number, number>()
    for (const pid of this.#pids()) {
      try {
        cpu.set(pid, readCpuMs(pid))
      } catch {
        // ended between listing and reading
      }
    }
    return cpu
  }
}

/** The whole machine's CPU time so far (all cores), in ms. */
export interface MachineTimes {
  /** Everything but idle and iowait. */
  busy: number
  /** Interrupt work: much of it is loopback TCP, charged to whichever task the core was running, the idle task included. */
  softirq: number
  /** Time the hypervisor gave this VM's cores to someone else. */
  steal: number
}

export function readMachineTimes(): MachineTimes {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? ''
  const fields = line.trim().split(/\s+/).slice(1).map(Number)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields
  const ms = (ticks: number): number => (ticks * 1000) / clockTicksPerSecond
  return { busy: ms(user + nice + system + irq + softirq + steal), softirq: ms(softirq), steal: ms(steal) }
}

/** Busy CPU time of the whole machine so far (all cores, everything but idle and iowait), in ms. */
export function readMachineBusyMs(): number {
  return readMachineTimes().busy
}

/** The machine over a window, in % of one core. */
export interface MachineWindow {
  busyPercent: number
  /** Busy time not charged to our processes: other processes, steal, and interrupts taken while a core idled. */
  otherPercent: number
  softirqPercent: number
  stealPercent: number
  /** The other processes that used the most CPU meanwhile (% of one core), by name. */
  topOthers: Array<{ name: string; cpuPercent: number }>
}

/**
 * Measures how busy the machine was over a window, and how much of it was not
 * ours: other processes (a build, a test run) on a 2-core machine skew latency.
 */
export class MachineSampler {
  #start: MachineTimes = { busy: 0, softirq: 0, steal: 0 }
  #startWall = 0
  #pids: () => number[] = () => []
  #startOurs = 0
  #startAll = new Map<number, number>()

  /**
   * `pids`: our processes; the rest of the machine's CPU is reported as "other". A function is
   * asked again at the end, for process groups that fork during the window (Postgres' backends).
   */
  start(pids: number[] | (() => number[])): void {
    this.#pids = Array.isArray(pids) ? () => pids : pids
    this.#startOurs = this.#ours()
    this.#startAll = new Map(readAllProcesses().map((entry) => [entry.pid, entry.cpuMs]))
    this.#start = readMachineTimes()
    this.#startWall = performance.now()
  }

  stop(): MachineWindow {
    const wallMs = performance.now() - this.#startWall
    const end = readMachineTimes()
    const busy = end.busy - this.#start.busy
    const ourPids = new Set(this.#pids())
    const ours = this.#ours() - this.#startOurs
    const percent = (ms: number): number => (ms / wallMs) * 100
    // A process that started meanwhile counts with all its CPU; one that ended meanwhile is not seen.
    const byName = new Map<string, number>()
    for (const entry of readAllProcesses()) {
      if (ourPids.has(entry.pid)) continue
      const used = entry.cpuMs - (this.#startAll.get(entry.pid) ?? 0)
      if (used > 0) byName.set(entry.name, (byName.get(entry.name) ?? 0) + used)
    }
    const topOthers = [...byName]
      .map(([name, ms]) => ({ name, cpuPercent: percent(ms) }))
      .filter((other) => other.cpuPercent >= 1)
      .sort((a, b) => b.cpuPercent - a.cpuPercent)
      .slice(0, 4)
    return {
      busyPercent: percent(busy),
      otherPercent: Math.max(0, percent(busy - ours)),
      softirqPercent: percent(end.softirq - this.#start.softirq),
      stealPercent: percent(end.steal - this.#start.steal),
      topOthers,
    }
  }

  #ours(): number {
    let sum = 0
    for (const pid of this.#pids()) {
      try {
        sum += readCpuMs(pid)
      } catch {
        // the process ended; its time is no longer counted
      }
    }
    return sum
  }
}

/**
 * Waits (polling one-second samples of /proc/stat) until the machine is
 * nearly idle, at most `maxWaitMs`: on a small shared machine another
 * process's build or test run would otherwise be measured too.
 */
export async function waitForQuietMachine(
  maxWaitMs: number,
  busyBelowPercent = 20,
): Promise<{ waitedMs: number; busyPercent: number }> {
  const start = performance.now()
  for (;;) {
    const before = readMachineBusyMs()
    const sampleStart = performance.now()
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const busyPercent = ((readMachineBusyMs() - before) / (performance.now() - sampleStart)) * 100
    const waitedMs = performance.now() - start
    if (busyPercent < busyBelowPercent || waitedMs >= maxWaitMs) return { waitedMs, busyPercent }
  }
}
