import type { Locator, Page } from '@playwright/test'

export declare const PHASE_GOALS: Record<
  'triage' | 'mitigate' | 'diagnose' | 'fix' | 'postmortem',
  string
>
export declare function phaseHeading(page: Page, name: string | RegExp): Locator
export declare function newIncident(page: Page, symptoms: string): Promise<void>
export declare function toMitigate(
  page: Page,
  options?: { severity?: string; strategy?: string },
): Promise<void>
export declare function resolveQuickly(page: Page, symptoms: string): Promise<void>
export declare function resolveToPostmortem(page: Page): Promise<void>
export declare function metricsTableSaved(
  page: Page,
  options?: { drop?: boolean },
): Promise<boolean>
