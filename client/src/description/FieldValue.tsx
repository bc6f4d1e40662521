import type { ReactNode } from 'react'
import type { DescriptionFields, FieldKey } from '../../../shared/src/description/challengeDescription.ts'
import {
  documentTexts,
  influenceLabels,
  interestLabels,
  languageFormLabels,
  outcomeKindLabels,
  partLabels,
  priorityLabels,
  sectorLabels,
  type LabelLanguage,
} from '../../../shared/src/description/labels.ts'
import { FreeText, InlineMarkdown } from './FreeText.tsx'

export interface FieldValueProps<K extends FieldKey> {
  fieldKey: K
  value: DescriptionFields[K]
  /** The language of the labels inside the value (table headings, sectors): the description's. */
  language: LabelLanguage
}

/** One field's value as the description shows it: text, a list, or a table; "Ikke oppgitt" when empty. */
export function FieldValue<K extends FieldKey>({ fieldKey, value, language }: FieldValueProps<K>) {
  const notGiven = <p className="description-value__empty">{documentTexts.notGiven[language]}</p>
  const field = { key: fieldKey, value } as FieldEntry
  switch (field.key) {
    case 'title':
    case 'contactPoint':
      return field.value.trim() === '' ? notGiven : <p>{field.value}</p>
    case 'summary':
    case 'background':
    case 'problemStatement':
    case 'anchoring':
    case 'transferability':
      return field.value.trim() === '' ? notGiven : <FreeText markdown={field.value} />
    case 'leadMunicipality':
      return <p>{field.value.name}</p>
    case 'coApplicants':
    case 'followerMunicipalities':
      return field.value.length === 0 ? notGiven : <TextItems items={field.value.map((municipality) => municipality.name)} plain />
    case 'themes':
    case 'targetGroups':
    case 'goals':
    case 'constraints':
    case 'risks':
    case 'existingInitiatives':
    case 'localAdvantages':
      return field.value.length === 0 ? notGiven : <TextItems items={field.value} />
    case 'needs':
      if (field.value.length === 0) return notGiven
      return (
        <ValueTable
          language={language}
          columns={['need', 'who', 'evidence', 'priority']}
          rows={field.value.map((need) => [
            <InlineMarkdown key="need" markdown={need.need} />,
            <InlineMarkdown key="who" markdown={need.who} />,
            <InlineMarkdown key="evidence" markdown={need.evidence} />,
            need.priority === null ? '' : priorityLabels[need.priority][language],
          ])}
        />
      )
    case 'stakeholders':
      if (field.value.length === 0) return notGiven
      return (
        <ValueTable
          language={language}
          columns={['actor', 'sector', 'interest', 'influence']}
          rows={field.value.map((stakeholder) => [
            <InlineMarkdown key="actor" markdown={stakeholder.actor} />,
            stakeholder.sector === null ? '' : sectorLabels[stakeholder.sector][language],
            stakeholder.interest === null ? '' : interestLabels[stakeholder.interest][language],
            stakeholder.influence === null ? '' : influenceLabels[stakeholder.influence][language],
          ])}
        />
      )
    case 'desiredOutcome': {
      const { kinds, description } = field.value
      if (kinds.length === 0 && description.trim() === '') return notGiven
      return (
        <>
          {kinds.length > 0 && (
            <p>
              {partLabels.kinds[language]}: {kinds.map((kind) => outcomeKindLabels[kind][language]).join(', ')}
            </p>
          )}
          {description.trim() !== '' && <FreeText markdown={description} />}
        </>
      )
    }
    case 'languageForm':
      return <p>{languageFormLabels[field.value][language]}</p>
    case 'sourceBoards':
      return field.value.length === 0 ? notGiven : <TextItems items={field.value.map((board) => board.title)} plain />
  }
}

type FieldEntry = { [K in FieldKey]: { key: K; value: DescriptionFields[K] } }[FieldKey]

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

type ColumnKey = keyof typeof partLabels

function ValueTable({ language, columns, rows }: { language: LabelLanguage; columns: ColumnKey[]; rows: ReactNode[][] }) {
  return (
    <div className="description-value__table">
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {partLabels[column][language]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, rowIndex) => (
            // Rows are the field's items in order; they have no identity of their own.
            <tr key={rowIndex}>
              {cells.map((cell, cellIndex) => (
                <td key={columns[cellIndex]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
