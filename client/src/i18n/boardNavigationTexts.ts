// The texts of finding one's way on a board from a phone: the frame switcher, the "new note"
// button and the step's purpose folded away, in the three languages side by side.
// Spread into the catalogues (nb.ts, nn.ts, en.ts), like votingTexts.ts.

const nb = {
  boardNavigation: {
    frames: 'Rammene på tavla',
    frame: 'Ramme',
    unnamedFrame: 'Ramme {{number}}',
    noFrameInView: 'Velg en ramme',
    previousFrame: 'Forrige ramme',
    nextFrame: 'Neste ramme',
    addNote: 'Ny lapp',
    addNoteLabel: 'Ny lapp midt på skjermen',
    showPurpose: 'Om steget',
    hidePurpose: 'Skjul om steget',
  },
}

const nn: typeof nb = {
  boardNavigation: {
    frames: 'Rammene på tavla',
    frame: 'Ramme',
    unnamedFrame: 'Ramme {{number}}',
    noFrameInView: 'Vel ei ramme',
    previousFrame: 'Førre ramme',
    nextFrame: 'Neste ramme',
    addNote: 'Ny lapp',
    addNoteLabel: 'Ny lapp midt på skjermen',
    showPurpose: 'Om steget',
    hidePurpose: 'Gøym om steget',
  },
}

const en: typeof nb = {
  boardNavigation: {
    frames: 'Frames on the board',
    frame: 'Frame',
    unnamedFrame: 'Frame {{number}}',
    noFrameInView: 'Choose a frame',
    previousFrame: 'Previous frame',
    nextFrame: 'Next frame',
    addNote: 'New note',
    addNoteLabel: 'New note in the middle of the screen',
    showPurpose: 'About this step',
    hidePurpose: 'Hide about this step',
  },
}

export const boardNavigationTexts = { nb, nn, en }
