/**
 * A polite live region that reads out what just happened on the page ("Steget er
 * lagt til"), for changes that move no focus. Visually hidden; the page shows the
 * result itself.
 */
export function LiveAnnouncer({ message }: { message: string }) {
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="announcement">
      {message}
    </p>
  )
}
