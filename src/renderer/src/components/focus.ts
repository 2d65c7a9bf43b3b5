/**
 * Focus where the work is: the first form control of a container (the checked radio of a group,
 * when there is one), scrolled into view. Used after a phase move, after logging an entry, and
 * after a refusal (the field that needs attention).
 */
const CONTROL = 'textarea, input:not([type="hidden"]), select'

export function focusFirstField(container: ParentNode | null | undefined): boolean {
  const first = container?.querySelector<HTMLInputElement>(
    `.field :is(${CONTROL}), :is(${CONTROL})`,
  )
  if (!first) return false
  const target =
    first.type === 'radio'
      ? ((first.form ?? first.closest('fieldset') ?? document).querySelector<HTMLInputElement>(
          `input[type="radio"][name="${CSS.escape(first.name)}"]:checked`,
        ) ?? first)
      : first
  target.focus({ preventScroll: true })
  target.scrollIntoView({ block: 'center' })
  return true
}

/**
 * The control of a record's field (`data-field`), once the page has drawn it: a screen just
 * navigated to may take a few frames (half a second at most) to appear.
 */
export function focusRecordField(field: string, frames = 30): void {
  requestAnimationFrame(() => {
    const found = document.querySelector(`[data-field="${CSS.escape(field)}"]`)
    if (!found) {
      if (frames > 0) focusRecordField(field, frames - 1)
      return
    }
    // A list with nothing in it yet has only its "Add" button.
    if (focusFirstField(found)) return
    const button = found.querySelector<HTMLButtonElement>('button')
    button?.focus({ preventScroll: true })
    button?.scrollIntoView({ block: 'center' })
  })
}
