/**
 * The bench's side of the load generator: forks it (pinned when asked) and
 * waits for its messages, failing fast when it reports an error or exits.
 */
import type { ChildProcess } from 'node:child_process'
import path from 'node:path'
import { ChildProcesses, repoRoot } from '../lib/childProcesses.ts'
import { isFromGenerator, type FromGenerator, type ToGenerator } from './ipc.ts'

/** Talks to one load generator process over IPC. */
export class GeneratorProcess {
  readonly child: ChildProcess
  readonly #waiters = new Set<(message: FromGenerator) => void>()
  #failure: Error | null = null

  constructor(children: ChildProcesses, cpu: number | undefined) {
    // --expose-gc: the generator collects the garbage of making its edits before the run (loadGenerator.ts).
    this.child = children.forkWorker(path.join(repoRoot, 'tests/bench/load/loadGenerator.ts'), process.env, cpu, ['--expose-gc'])
    this.child.on('message', (message: unknown) => {
      if (!isFromGenerator(message)) return
      if (message.type === 'error') this.#fail(new Error(`load generator: ${message.message}`))
      for (const waiter of this.#waiters) waiter(message)
    })
    this.child.once('exit', (code, signal) => this.#fail(new Error(`load generator exited (code ${code}, signal ${signal})`)))
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('load generator has no pid')
    return this.child.pid
  }

  send(message: ToGenerator): void {
    this.child.send(message)
  }

  /** Resolves with the next message of `type`; calls `onOther` for the others meanwhile. */
  next<T extends FromGenerator['type']>(
    type: T,
    timeoutMs: number,
    onOther: (message: FromGenerator) => void = () => undefined,
  ): Promise<Extract<FromGenerator, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.#failure !== null) {
        reject(this.#failure)
        return
      }
      const timer = setTimeout(() => finish(new Error(`no "${type}" from the load generator within ${timeoutMs} ms`)), timeoutMs)
      const waiter = (message: FromGenerator): void => {
        if (message.type === 'error') finish(new Error(`load generator: ${message.message}`))
        else if (message.type === type) finish(null, message as Extract<FromGenerator, { type: T }>)
        else onOther(message)
      }
      const onFail = (): void => finish(this.#failure ?? new Error('load generator failed'))
      const finish = (error: Error | null, message?: Extract<FromGenerator, { type: T }>): void => {
        clearTimeout(timer)
        this.#waiters.delete(waiter)
        this.child.off('exit', onFail)
        if (error !== null || message === undefined) reject(error ?? new Error('no message'))
        else resolve(message)
      }
      this.#waiters.add(waiter)
      this.child.once('exit', onFail)
    })
  }

  #fail(error: Error): void {
    this.#failure ??= error
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect()
  }
}
