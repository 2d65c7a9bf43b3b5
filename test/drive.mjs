// Driving Steady through an incident, the way a user does it: by role and label, the keyboard
// where a user would use it. Shared by the end-to-end tests (test/e2e/helpers.ts), the screenshot
// script and the benchmark, so the steps through the phases are written once.

/** The level-2 heading each phase screen opens with. */
export const PHASE_GOALS = {
  triage: 'How bad is it, and who is affected?',
  mitigate: 'Stop the bleeding.',
  diagnose: 'Find the root cause.',
  fix: 'Deploy the real fix.',
  postmortem: 'Document what happened, and learn.',
}

export const phaseHeading = (page, name) => page.getByRole('heading', { level: 2, name })

/** N, then the symptoms; done once the header shows them as the title (they are saved). */
export async function newIncident(page, symptoms) {
  await page.keyboard.press('n')
  const field = page.getByLabel('What is happening?')
  await field.waitFor()
  await field.fill(symptoms)
  // The header takes its title from the first line once it is saved, which can move what is
  // below it: a click aimed before that could land elsewhere.
  const title = symptoms.split('\n')[0].slice(0, 120)
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor()
}

/** From Capture to Mitigate: a severity and a strategy chosen in Triage. */
export async function toMitigate(page, { severity = 'SEV3', strategy = 'Roll back' } = {}) {
  await page.keyboard.press('Control+Enter')
  await phaseHeading(page, PHASE_GOALS.triage).waitFor()
  await page.getByRole('radio', { name: new RegExp(`^${severity}`) }).check()
  await page.getByRole('radio', { name: new RegExp(`^${strategy}`) }).check()
  await page.keyboard.press('Control+Enter')
  await phaseHeading(page, PHASE_GOALS.mitigate).waitFor()
}

/** The quickest honest way through the first five phases, ending on the post-mortem. */
export async function resolveQuickly(page, symptoms) {
  await newIncident(page, symptoms)
  await toMitigate(page)
  await page.getByRole('button', { name: /Users are back — verified/ }).click()
  await page.getByText(/Users verified back/).waitFor()
  await page.keyboard.press('Control+Enter')
  await phaseHeading(page, PHASE_GOALS.diagnose).waitFor()
  await page.keyboard.press('Control+Enter')
  await phaseHeading(page, PHASE_GOALS.fix).waitFor()
  await resolveToPostmortem(page)
}

/** On Fix: resolve the incident, then on to the post-mortem. */
export async function resolveToPostmortem(page) {
  await page.getByRole('button', { name: /Resolve incident/ }).click()
  await page
    .getByRole('dialog', { name: 'Resolve incident' })
    .getByRole('button', { name: 'Resolve' })
    .click()
  await page.getByText(/^Resolved today/).waitFor()
  await page.keyboard.press('Control+Enter')
  await phaseHeading(page, PHASE_GOALS.postmortem).waitFor()
}

/**
 * Whether Metrics' worker has saved its table (metrics-store.ts) in the page's database; with
 * `drop`, deletes it first (the next first open then reads every summary).
 */
export function metricsTableSaved(page, { drop = false } = {}) {
  return page.evaluate(async (drop) => {
    const db = await new Promise((resolve) => {
      const r = globalThis.indexedDB.open('steady')
      r.onsuccess = () => resolve(r.result)
    })
    const tx = db.transaction('caches', drop ? 'readwrite' : 'readonly')
    const store = tx.objectStore('caches')
    if (drop) store.delete('metrics-table')
    const found = await new Promise((resolve) => {
      const r = store.count('metrics-table')
      r.onsuccess = () => resolve(r.result > 0)
    })
    await new Promise((resolve) => (tx.oncomplete = resolve))
    db.close()
    return found
  }, drop)
}
