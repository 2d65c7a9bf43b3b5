import { readFile } from 'node:fs/promises'
import { writeFileAtomic } from '../storage/atomic-write'
import type { SchedulerState } from '../../shared/reminders/scheduler'

/** The schedule's file under the user-data folder, written atomically; missing or corrupt reads as empty. */
export function fileStore(file: string) {
  return {
    load: async (): Promise<unknown> => JSON.parse(await readFile(file, 'utf8')),
    save: (state: SchedulerState): Promise<void> => writeFileAtomic(file, JSON.stringify(state)),
  }
}
