import { Fragment } from 'react'
import { previewBlocks, previewInlines, type PreviewInline } from './freeTextPreview.ts'

/** Markdown free text as inert React elements: headings, lists and paragraphs of plain text. */
export function FreeText({ markdown }: { markdown: string }) {
  return (
    <>
      {previewBlocks(markdown).map((block, index) => {
        // Blocks are rebuilt from the text on every change and have no identity but their place.
        if (block.kind === 'heading') {
          return (
            <p key={index} className="free-text__heading">
              <InlineText inlines={block.inlines} />
            </p>
          )
        }
        if (block.kind === 'paragraph') {
          return (
            <p key={index}>
              <InlineText inlines={block.inlines} />
            </p>
          )
        }
        const List = block.ordered ? 'ol' : 'ul'
        return (
          <List key={index}>
            {block.items.map((item, itemIndex) => (
              <li key={itemIndex}>
                <InlineText inlines={item} />
              </li>
            ))}
          </List>
        )
      })}
    </>
  )
}

/** One line of Markdown (a list item, a need) with its bold, italic and code. */
export function InlineMarkdown({ markdown }: { markdown: string }) {
  return <InlineText inlines={previewInlines(markdown)} />
}

function InlineText({ inlines }: { inlines: readonly PreviewInline[] }) {
  return (
    <>
      {inlines.map((inline, index) => {
        let content = <>{inline.text}</>
        if (inline.code) content = <code>{content}</code>
        if (inline.strike) content = <s>{content}</s>
        if (inline.italic) content = <em>{content}</em>
        if (inline.bold) content = <strong>{content}</strong>
        return (
          <Fragment key={index}>
            {inline.breakBefore && <br />}
            {content}
          </Fragment>
        )
      })}
    </>
  )
}
