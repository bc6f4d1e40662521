/**
 * The room's small icons, drawn inline: an emoji is missing from many computers' fonts, and an
 * icon font or file would be one more thing to load. Decorative: the button around one names it.
 */
const paths = {
  hand: 'M8 12V5.5a1.5 1.5 0 0 1 3 0V11M11 4.5a1.5 1.5 0 0 1 3 0V11M14 5.5a1.5 1.5 0 0 1 3 0V12M17 8.5a1.5 1.5 0 0 1 3 0V15a7 7 0 0 1-7 7h-1.5c-2.4 0-3.9-1-5.2-3l-3.1-4.8a1.6 1.6 0 0 1 2.6-1.8L8 15',
  bell: 'M6 9a6 6 0 0 1 12 0c0 6 2.5 8 2.5 8h-17S6 15 6 9M10 20.5a2.2 2.2 0 0 0 4 0',
  bellOff: 'M6 9a6 6 0 0 1 12 0c0 6 2.5 8 2.5 8h-17S6 15 6 9M10 20.5a2.2 2.2 0 0 0 4 0M3 3l18 18',
  check: 'M4.5 12.5l5 5L19.5 7',
  circle: 'M12 4a8 8 0 1 0 0 16a8 8 0 1 0 0-16',
  controls: 'M4 7h9M17 7h3M4 17h3M11 17h9M15 5v4M9 15v4',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  info: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 11v6M12 7.5h.01',
  pause: 'M9 5v14M15 5v14',
} as const

export type RoomIconName = keyof typeof paths

export function RoomIcon({ name }: { name: RoomIconName }) {
  return (
    <svg className="room-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={paths[name]} fill="none" stroke="currentColor" strokeWidth={name === 'more' ? 3 : 1.9} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}
