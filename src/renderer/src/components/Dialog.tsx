import { useEffect, useRef, type ReactNode } from 'react'

interface DialogProps {
  label: string
  onClose: () => void
  children: ReactNode
  className?: string
}

/**
 * A modal on the native <dialog>: focus stays inside, Esc closes it, and the page behind is inert.
 * Clicking the backdrop closes it too.
 */
export function Dialog({ label, onClose, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])
  return (
    <dialog
      ref={ref}
      aria-label={label}
      className={`dialog ${className ?? ''}`}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose()
      }}
    >
      {children}
    </dialog>
  )
}
