/** The machine a bench ran on, for the report and RESULTS.md. */
import { readFileSync } from 'node:fs'
import os from 'node:os'

export interface MachineInfo {
  date: string
  cpus: number
  cpuModel: string
  memoryGiB: number
  node: string
  kernel: string
  loadAverage: number[]
}

export function describeMachine(): MachineInfo {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown'
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))
    if (match?.[1]) cpuModel = match[1].trim()
  } catch {
    // not Linux: os.cpus() is what we have
  }
  return {
    date: new Date().toISOString(),
    cpus: os.availableParallelism(),
    cpuModel,
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg(),
  }
}

export function formatMachine(machine: MachineInfo): string {
  return (
    `${machine.date} · ${machine.cpus} × ${machine.cpuModel} · ${machine.memoryGiB.toFixed(1)} GiB · ` +
    `Node ${machine.node} · ${machine.kernel} · load average ${machine.loadAverage.map((load) => load.toFixed(2)).join(' ')}`
  )
}
