import type { InputHTMLAttributes } from 'react'
import { Field, type FieldProps } from './Field.tsx'

/** What a text field's input may set itself; name, description and validity come from {@link Field}. */
export type TextInputAttributes = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'aria-describedby' | 'aria-invalid' | 'children'
>

export interface TextFieldProps extends Omit<FieldProps, 'children'> {
  value: string
  onChange(value: string): void
  testId?: string
  /** The input's own attributes: type, autoComplete, maxLength, className … */
  input?: TextInputAttributes
}

/**
 * A {@link Field} with a one-line input, the form control most forms are made of.
 * @example
 * <TextField label={t('login.email')} input={{ type: 'email', autoComplete: 'username' }} value={email} onChange={setEmail} />
 */
export function TextField({ value, onChange, testId, input, ...field }: TextFieldProps) {
  return (
    <Field {...field}>
      {(control) => <input {...input} {...control} data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  )
}
