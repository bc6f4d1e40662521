import {
  DefaultMainMenu,
  EditSubmenu,
  ExtrasGroup,
  AccessibilityMenu,
  ColorSchemeMenu,
  InputModeMenu,
  KeyboardShortcutsMenuItem,
  TldrawUiMenuGroup,
  TldrawUiMenuSubmenu,
  ToggleDebugModeItem,
  ToggleDynamicSizeModeItem,
  ToggleEdgeScrollingItem,
  ToggleFocusModeItem,
  ToggleGridItem,
  TogglePasteAtCursorItem,
  ToggleSnapModeItem,
  ToggleToolLockItem,
  ToggleWrapModeItem,
  ViewSubmenu,
} from 'tldraw'
import { AccessibilityStatementMenuItem } from './AccessibilityStatementMenuItem.tsx'
import { BoardExportMenuItems } from './BoardExportMenuItems.tsx'

/**
 * tldraw's main menu without its language menu: the language is chosen in our top bar
 * (tldraw's UI follows it), so a second, partial language choice would only confuse.
 * Its "Export all as" submenu gives way to our export items (the board or a frame, for observers too);
 * the accessibility statement, which other pages link from their footer, comes last.
 */
export function BoardMainMenu() {
  return (
    <DefaultMainMenu>
      <TldrawUiMenuGroup id="basic">
        <EditSubmenu />
        <ViewSubmenu />
        <ExtrasGroup />
      </TldrawUiMenuGroup>
      <BoardExportMenuItems />
      <TldrawUiMenuGroup id="preferences">
        <TldrawUiMenuSubmenu id="preferences" label="menu.preferences">
          <TldrawUiMenuGroup id="preferences-actions">
            <ToggleSnapModeItem />
            <ToggleToolLockItem />
            <ToggleGridItem />
            <ToggleWrapModeItem />
            <ToggleFocusModeItem />
            <ToggleEdgeScrollingItem />
            <ToggleDynamicSizeModeItem />
            <TogglePasteAtCursorItem />
            <ToggleDebugModeItem />
          </TldrawUiMenuGroup>
          <TldrawUiMenuGroup id="user-interface-submenus">
            <AccessibilityMenu />
            <InputModeMenu />
            <ColorSchemeMenu />
          </TldrawUiMenuGroup>
        </TldrawUiMenuSubmenu>
        <KeyboardShortcutsMenuItem />
      </TldrawUiMenuGroup>
      <AccessibilityStatementMenuItem />
    </DefaultMainMenu>
  )
}
