import { useId } from 'react'

/** A select that narrows a list: its first option is "all"; its label is for screen readers. */
export function FilterSelect<T extends string>(props: {
  label: string
  all: string
  value: T | ''
  options: { value: T; label: string }[]
  onChange: (value: T | '') => void
}) {
  const id = useId()
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        {props.label}
      </label>
      <select
        id={id}
        className="input select"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T | '')}
      >
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  )
}

/**
 * A day that narrows a list, with its label shown: the two wrap to the next line together, never
 * apart. `value` and `onChange` are the date field's "yyyy-mm-dd" ('' for none).
 */
export function FilterDate(props: {
  label: string
  value: string
  onChange: (value: string) => void
}) {
  const id = useId()
  return (
    <span className="filter-pair">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="date"
        className="input date-input"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </span>
  )
}
