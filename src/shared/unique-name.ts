/**
 * `name`, or the first of `name-2.ext`, `name-3.ext`… not in `used` (compared without case, as
 * macOS and Windows compare file names); the one chosen is added to `used`. Two post-mortems
 * with the same date and title must not overwrite each other, in a folder or an archive.
 */
export function uniqueName(name: string, used: Set<string>): string {
  const dot = name.lastIndexOf('.')
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, '']
  let candidate = name
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`
  used.add(candidate.toLowerCase())
  return candidate
}
