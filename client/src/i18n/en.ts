import type { Catalogue } from './nb.ts'

/** English. */
export const en: Catalogue = {
  app: {
    name: 'Samskap',
    home: 'Samskap – home',
    skipToContent: 'Skip to content',
  },
  start: {
    title: 'Boards for co-creation',
    lead: 'Samskap is a digital whiteboard for co-creation workshops. Everyone with the link to a board can draw, write sticky notes and see each other’s cursors at the same time.',
    durability:
      'Everything is saved on the server as you go. Changes you make without a connection are kept on this device and sent when you are back.',
    newBoard: 'New board',
    newBoardHint: 'Creates an empty board with its own link to share.',
  },
  board: {
    title: 'Board {{id}}',
    loading: 'Opening the board…',
    notFoundTitle: 'Board not found',
    notFoundBody: '“{{id}}” is not a valid board address. Check the link, or create a new board.',
    backHome: 'Back to the start page',
  },
  notFound: {
    title: 'Page not found',
    body: 'There is no page at this address.',
  },
  status: {
    connecting: 'Connecting…',
    saved: 'Saved',
    saving: 'Saving…',
    offline: 'Offline – your changes are kept on this device and sent when you are back',
    offlineShort: 'Offline',
    reconnecting: 'Reconnecting…',
    readonly: 'Read-only',
    error: 'Not saved – the server did not accept the change',
    errorTooLarge: 'Not saved – the board is full',
    errorShort: 'Not saved',
  },
  readonly: {
    title: 'This board cannot be edited here',
    newerSchema: 'A newer version of Samskap is available. Reload the page.',
    reload: 'Reload',
    refusedInvalidRoom: 'The board address is not valid.',
    refusedProtocol: 'The server did not understand this version of Samskap. Reload the page.',
    refusedTooManyRejected: 'The server did not accept the changes from this tab. Reload the page.',
    refusedOrigin: 'This address is not allowed to open the board. Contact whoever runs Samskap.',
    refusedOther: 'The server refused the connection (code {{code}}).',
  },
  language: {
    label: 'Language',
  },
  user: {
    nameButton: 'Name: {{name}}',
    nameButtonLabel: 'Change your name (now: {{name}})',
    dialogTitle: 'What is your name?',
    dialogBody: 'Your name is shown next to your cursor for the others on the board. It is remembered on this device.',
    nameLabel: 'Display name',
    save: 'Save',
    cancel: 'Cancel',
    nameRequired: 'Enter a name.',
  },
  assets: {
    tooLarge: 'The file is too large. The largest allowed size is {{max}}.',
    unsupported: 'This type of file cannot be put on the board. Use PNG, JPEG, GIF, WebP, AVIF, MP4 or WebM.',
    failed: 'The upload failed. Try again.',
  },
  toast: {
    region: 'Notifications',
    close: 'Close the notification',
  },
}
