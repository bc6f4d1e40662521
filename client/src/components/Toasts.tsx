import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface Toast {
  id: number
  message: string
}

interface Toasts {
  /** Shows a message for a while (or until closed). */
  show(message: string): void
}

const ToastContext = createContext<Toasts | null>(null)
const toastLifetimeMs = 8000

/** Our own notifications (tldraw has its own inside the canvas): errors a person should see. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const [toasts, setToasts] = useState<Toast[]>([])
  const nextId = useRef(1)
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>())

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id))
    timers.current.delete(id)
    setToasts((current) => current.filter((toast) => toast.id !== id))
  }, [])

  const show = useCallback(
    (message: string) => {
      const id = nextId.current++
      setToasts((current) => [...current, { id, message }])
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), toastLifetimeMs),
      )
    },
    [dismiss],
  )

  useEffect(() => {
    const pending = timers.current
    return () => {
      for (const timer of pending.values()) clearTimeout(timer)
      pending.clear()
    }
  }, [])

  const value = useMemo(() => ({ show }), [show])
  return (
    <ToastContext.Provider value={value}>
      {children}
      <section className="toasts" aria-label={t('toast.region')}>
        {toasts.map((toast) => (
          <div key={toast.id} className="toast" role="alert" data-testid="toast">
            <p className="toast__message">{toast.message}</p>
            <button type="button" className="toast__close" aria-label={t('toast.close')} onClick={() => dismiss(toast.id)}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  )
}

export function useToasts(): Toasts {
  const toasts = useContext(ToastContext)
  if (toasts === null) throw new Error('useToasts must be used inside <ToastProvider>')
  return toasts
}
