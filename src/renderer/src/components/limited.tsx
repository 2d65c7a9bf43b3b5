import { formatCount } from '@shared/domain/time'
import { useId, useState, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react'

type NativeProps = Omit<
  InputHTMLAttributes<HTMLInputElement> & TextareaHTMLAttributes<HTMLTextAreaElement>,
  'value' | 'onChange' | 'maxLength'
>

export interface LimitedTextProps extends NativeProps {
  /** The longest value the database accepts: always one of the domain's LIMITS. */
  max: number
  value: string
  onValue: (value: string) => void
  multiline?: boolean
}

/** How close to the limit the count of what is left appears. */
const nearLimit = (max: number) => Math.max(20, Math.ceil(max * 0.1))

/**
 * A text input or textarea that never cuts what the user typed or pasted. Near its limit it says
 * how much room is left; a change that would pass the limit is refused whole, with a message that
 * says so (the browser's own maxLength silently truncates a paste, losing its end).
 */
export function LimitedText({ max, value, onValue, multiline, ...native }: LimitedTextProps) {
  const noticeId = useId()
  const [refused, setRefused] = useState<number | null>(null)
  const left = max - value.length
  const shown = refused !== null || left <= nearLimit(max)
  const props = {
    ...native,
    value,
    'aria-describedby':
      [native['aria-describedby'], shown ? noticeId : null].filter(Boolean).join(' ') || undefined,
    'aria-invalid': refused !== null || undefined,
    onChange: (e: { target: { value: string } }) => {
      const next = e.target.value
      if (next.length > max && next.length > value.length) return setRefused(next.length)
      setRefused(null)
      onValue(next)
    },
  }
  return (
    <>
      {multiline ? <textarea {...props} /> : <input {...props} />}
      {shown && (
        <span
          id={noticeId}
          className={refused !== null ? 'field-limit refused' : 'field-limit'}
          role={refused !== null ? 'alert' : undefined}
        >
          {refused !== null
            ? `Not added: that would make ${formatCount(refused)} characters, and this holds ${formatCount(max)}. Nothing was cut; shorten it, or put the rest in a note.`
            : `${formatCount(Math.max(left, 0))} characters left`}
        </span>
      )}
    </>
  )
}
