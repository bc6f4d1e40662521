import type { ReactNode } from 'react'
import type { DescriptionFields, FieldKey } from '../../../shared/src/description/challengeDescription.ts'
import { fieldText, isEmptyText, notGivenText, type TextColumn } from '../../../shared/src/description/fieldText.ts'
import { partLabels, type LabelLanguage } from '../../../shared/src/description/labels.ts'
import { FreeText, InlineMarkdown } from './FreeText.tsx'

export interface FieldValueProps<K extends FieldKey> {
  fieldKey: K
  value: DescriptionFields[K]
  /** The language of the labels inside the value (table headings, sectors): the description's. */
  language: LabelLanguage
}

/** One field's value as the description shows it: text, a list, or a table; "Ikke oppgitt" when empty. */
export function FieldValue<K extends FieldKey>({ fieldKey, value, language }: FieldValueProps<K>) {
  const text = fieldText(fieldKey, value, language)
  if (isEmptyText(text)) return <p className="description-value__empty">{notGivenText(language)}</p>
  switch (text.shape) {
    case 'text':
      return text.markdown ? <FreeText markdown={text.text} /> : <p>{text.text}</p>
    case 'list':
      return <TextItems items={text.items} plain={!text.markdown} />
    case 'table':
      return (
        <ValueTable
          language={language}
          columns={text.columns}
          // A coded value that is not set leaves its cell empty.
          rows={text.rows.map((row) => row.map((cell, index) => (cell !== null && text.columns[index]?.markdown ? <InlineMarkdown markdown={cell} /> : cell)))}
        />
      )
    case 'outcome':
      return (
        <>
          {text.kinds !== '' && (
            <p>
              {partLabels.kinds[language]}: {text.kinds}
            </p>
          )}
          {text.description.trim() !== '' && <FreeText markdown={text.description} />}
        </>
      )
  }
}

function TextItems({ items, plain = false }: { items: readonly string[]; plain?: boolean }) {
  return (
    <ul>
      {items.map((item, index) => (
        // Items need not be distinct, so the position is part of the key.
        <li key={`${index}:${item}`}>{plain ? item : <InlineMarkdown markdown={item} />}</li>
      ))}
    </ul>
  )
}

function ValueTable({ language, columns, rows }: { language: LabelLanguage; columns: readonly TextColumn[]; rows: ReactNode[][] }) {
  return (
    <div className="description-value__table">
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col">
                {partLabels[column.key][language]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, rowIndex) => (
            // Rows are the field's items in order; they have no identity of their own.
            <tr key={rowIndex}>
              {cells.map((cell, cellIndex) => (
                <td key={columns[cellIndex]?.key}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
