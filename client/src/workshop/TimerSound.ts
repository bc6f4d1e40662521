import { Observable } from '../app/Observable.ts'
import type { SafeStorage } from '../app/storage.ts'

const storageKey = 'samskap.timerSound'

/** The tone: two soft notes, falling. */
const notes = [
  { hz: 880, at: 0 },
  { hz: 660, at: 0.35 },
]
const noteSeconds = 0.6
const loudness = 0.15

/**
 * The sound a person may switch on for when a step's time is up (off unless they chose it,
 * remembered on this device). The tone is made with WebAudio, so no sound file is loaded.
 * Browsers let a page start sound only after the person has used it; switching the sound on
 * is such a use, and any later click on the page lets a suspended context resume.
 */
export class TimerSound {
  readonly enabled: Observable<boolean>
  private readonly storage: SafeStorage
  private readonly createContext: () => AudioContext | null
  private context: AudioContext | null = null

  constructor(options: { storage: SafeStorage; createContext?: () => AudioContext | null }) {
    this.storage = options.storage
    this.createContext = options.createContext ?? (() => (typeof AudioContext === 'function' ? new AudioContext() : null))
    this.enabled = new Observable(options.storage.get(storageKey) === 'on')
  }

  /** Switches the sound on or off; on, it plays once so the person hears what it will sound like. */
  setEnabled(on: boolean): void {
    this.storage.set(storageKey, on ? 'on' : 'off')
    this.enabled.set(on)
    if (on) this.play()
  }

  /** Plays the tone if the person switched the sound on. */
  play(): void {
    if (!this.enabled.get()) return
    const context = (this.context ??= this.createContext())
    if (context === null) return
    if (context.state === 'suspended') void context.resume().catch(() => undefined)
    const start = context.currentTime
    for (const note of notes) {
      const oscillator = context.createOscillator()
      const gain = context.createGain()
      oscillator.type = 'sine'
      oscillator.frequency.value = note.hz
      gain.gain.setValueAtTime(0, start + note.at)
      gain.gain.linearRampToValueAtTime(loudness, start + note.at + 0.03)
      gain.gain.exponentialRampToValueAtTime(0.0001, start + note.at + noteSeconds)
      oscillator.connect(gain).connect(context.destination)
      oscillator.start(start + note.at)
      oscillator.stop(start + note.at + noteSeconds)
    }
  }

  destroy(): void {
    void this.context?.close().catch(() => undefined)
    this.context = null
  }
}
