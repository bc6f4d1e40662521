import { useTranslation } from 'react-i18next'
import { TextField, type TextFieldProps } from './TextField.tsx'

export type NewPasswordFieldProps = Omit<TextFieldProps, 'input' | 'hint'>

/**
 * A field for choosing a password (a new account, a reset, a change): the rules as its hint, and
 * marked `new-password` so that a password manager offers to make one and files it.
 */
export function NewPasswordField(props: NewPasswordFieldProps) {
  const { t } = useTranslation()
  return <TextField {...props} hint={t('account.passwordHint')} input={{ type: 'password', autoComplete: 'new-password' }} />
}
