import type { ConnectionStatus } from '../board/connectionStatus.ts'

const paths: Record<ConnectionStatus, string> = {
  // check mark
  saved: 'M4 10.5l3.5 3.5L16 5.5',
  // three dots
  saving: 'M5 10h.01M10 10h.01M15 10h.01',
  connecting: 'M5 10h.01M10 10h.01M15 10h.01',
  // circular arrow
  reconnecting: 'M15.5 7A6 6 0 1 0 16 12M16 3.5V7h-3.5',
  // cloud with a slash
  offline: 'M6 15h8.5a3.5 3.5 0 0 0 .6-6.95A5 5 0 0 0 5.6 8.5 3.25 3.25 0 0 0 6 15zM3 3l14 14',
  // padlock
  readonly: 'M6 9V6.5a4 4 0 0 1 8 0V9M4.5 9h11v8h-11z',
  // exclamation mark in a triangle
  error: 'M10 3L2 17h16L10 3zM10 8v4M10 14.5h.01',
}

/** A small icon for each status, so the status does not depend on colour alone. */
export function StatusIcon({ status }: { status: ConnectionStatus }) {
  return (
    <svg className="status-icon" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={paths[status]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}
