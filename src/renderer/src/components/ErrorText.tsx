/** What went wrong, read out at once by screen readers; nothing when there is no error. */
export function ErrorText({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <p role="alert" className="error-text">
      {message}
    </p>
  )
}
