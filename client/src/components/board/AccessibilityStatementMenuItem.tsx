import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { TldrawUiButton, TldrawUiButtonLabel, TldrawUiDropdownMenuItem, TldrawUiMenuGroup } from 'tldraw'
import { accessibilityStatementPath } from '../SiteFooter.tsx'

/**
 * The board's way to the accessibility statement: the board has no room for the footer every
 * other page has, so the statement is the last item of its main menu.
 */
export function AccessibilityStatementMenuItem() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <TldrawUiMenuGroup id="samskap-about">
      <TldrawUiDropdownMenuItem>
        <TldrawUiButton type="menu" data-testid="board-accessibility-statement" onClick={() => void navigate(accessibilityStatementPath)}>
          <TldrawUiButtonLabel>{t('footer.accessibility')}</TldrawUiButtonLabel>
        </TldrawUiButton>
      </TldrawUiDropdownMenuItem>
    </TldrawUiMenuGroup>
  )
}
