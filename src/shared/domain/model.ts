/**
 * The incident domain's data, as zod schemas (which validate imports and IPC) with the types
 * inferred from them. Times are epoch milliseconds.
 */
import { z } from 'zod'

export const PHASES = [
  'capture',
  'triage',
  'mitigate',
  'diagnose',
  'fix',
  'postmortem',
  'prevention',
] as const
export const phaseSchema = z.enum(PHASES)
export type Phase = z.infer<typeof phaseSchema>

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const
export const severitySchema = z.enum(SEVERITIES)
export type Severity = z.infer<typeof severitySchema>

export const detectionSourceSchema = z.enum([
  'monitoring',
  'user-report',
  'error-log',
  'own-observation',
  'other',
])
export type DetectionSource = z.infer<typeof detectionSourceSchema>

export const scopeSchema = z.enum(['all-users', 'some-users', 'one-endpoint', 'all-endpoints'])
export type Scope = z.infer<typeof scopeSchema>

export const strategySchema = z.enum(['rollback', 'hotfix', 'feature-toggle', 'wait', 'other'])
export type Strategy = z.infer<typeof strategySchema>

/** Deleted incidents wait in the trash for 30 days (see `trash.ts`), out of every list. */
export const statusSchema = z.enum(['active', 'resolved', 'closed', 'deleted'])
export type IncidentStatus = z.infer<typeof statusSchema>

/**
 * The longest value each kind of text may hold: one source for the database's schema and for every
 * input (which shows what is left near the limit and refuses, never cuts, what would pass it).
 */
export const LIMITS = {
  /** Notes, symptoms, evidence, observations: the long texts. */
  text: 20_000,
  /** Actions, statements, reasons, measures: a sentence or a paragraph. */
  shortNote: 2000,
  title: 300,
  itemTitle: 500,
  owner: 200,
  service: 200,
  severityDefinition: 500,
  statusCode: 20,
  endpoint: 500,
  factorCategory: 60,
  templateName: 80,
  tag: 60,
  linkLabel: 40,
  /** A template file, in characters. */
  template: 200_000,
} as const

const text = (max: number = LIMITS.text) => z.string().max(max)
/**
 * The last moment any time field may hold: the end of year 9999. Beyond it a date cannot be shown
 * (JavaScript's own range ends soon after), so an imported 1e20 is refused, never stored.
 */
export const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59)
export const timeSchema = z
  .number()
  .min(0, 'A time cannot be before 1970.')
  .max(MAX_TIME, 'A time cannot be after the year 9999.')
  .refine(Number.isInteger, 'A time must be whole milliseconds.')
const time = timeSchema

const checkSchema = z.object({ checked: z.boolean(), note: text(LIMITS.shortNote) })
export type Check = z.infer<typeof checkSchema>

export const RECENT_CHANGES = ['deploys', 'migrations', 'config', 'dependencies'] as const
export const recentChangesSchema = z.object({
  deploys: checkSchema,
  migrations: checkSchema,
  config: checkSchema,
  dependencies: checkSchema,
})

export const FIX_STEPS = [
  'fixWritten',
  'regressionTest',
  'testedLocally',
  'testedStaging',
  'deployed',
  'mitigationRemoved',
  'verified',
] as const
export const fixChecklistSchema = z.object(
  Object.fromEntries(FIX_STEPS.map((step) => [step, z.boolean()])) as Record<
    (typeof FIX_STEPS)[number],
    z.ZodBoolean
  >,
)
export type FixChecklist = z.infer<typeof fixChecklistSchema>

export const rootCauseSchema = z.object({
  trigger: text(),
  mechanism: text(),
  impact: text(),
  summary: text(),
  contributingFactors: text(),
})
export type RootCause = z.infer<typeof rootCauseSchema>

export const INCIDENT_KINDS = ['incident', 'near-miss', 'drill'] as const
export const incidentKindSchema = z.enum(INCIDENT_KINDS)
export type IncidentKind = z.infer<typeof incidentKindSchema>

/** The links a service keeps, by the name the user gives them ("Runbook", "Dashboard", …). */
export const serviceSchema = z.object({
  name: text(LIMITS.service).refine((n) => n.trim().length > 0, 'A service needs a name.'),
  links: z.array(z.object({ label: text(LIMITS.linkLabel), url: z.string().max(2000) })).max(20),
})
export type Service = z.infer<typeof serviceSchema>

export const SERVICE_LINK_LABELS = [
  'Runbook',
  'Dashboard',
  'Logs',
  'Deploy page',
  'Status page',
  'On-call page',
] as const

/** One contributing factor: a category (from an editable list) and a sentence. */
export const factorSchema = z.object({
  id: z.string().min(1).max(64),
  category: text(LIMITS.factorCategory),
  text: text(LIMITS.shortNote),
})
export type Factor = z.infer<typeof factorSchema>

/** Whether an incident of a severity needs a post-mortem, and its review deadline. */
export const severityPolicySchema = z.object({
  need: z.enum(['required', 'suggested', 'optional']),
  /** Days after resolution the review should happen by; null for no deadline. */
  reviewDays: z.number().int().min(0).max(90).nullable(),
  /** Count only Monday to Friday. */
  businessDays: z.boolean(),
})
export type SeverityPolicy = z.infer<typeof severityPolicySchema>

/**
 * Common practice (Google SRE, PagerDuty, Atlassian): SEV1 and SEV2 required, SEV3 suggested,
 * SEV4 optional; the review within 3 calendar days of resolution for a SEV1, 5 business days for
 * a SEV2.
 */
export const DEFAULT_POSTMORTEM_POLICY: Record<Severity, SeverityPolicy> = {
  SEV1: { need: 'required', reviewDays: 3, businessDays: false },
  SEV2: { need: 'required', reviewDays: 5, businessDays: true },
  SEV3: { need: 'suggested', reviewDays: null, businessDays: false },
  SEV4: { need: 'optional', reviewDays: null, businessDays: false },
}

export const DEFAULT_FACTOR_CATEGORIES = [
  'Change',
  'Capacity',
  'Dependency',
  'Configuration',
  'Detection gap',
  'Process',
  'Knowledge',
  'Tooling',
]

export const mitigationOutcomeSchema = z.enum(['worked', 'partial', 'failed'])
export type MitigationOutcome = z.infer<typeof mitigationOutcomeSchema>

export const mitigationActionSchema = z.object({
  id: z.string().min(1).max(64),
  at: time,
  action: text(LIMITS.shortNote),
  expected: text(),
  observed: text(),
  outcome: mitigationOutcomeSchema.nullable(),
})
export type MitigationAction = z.infer<typeof mitigationActionSchema>

/** The edits a mitigation attempt takes after it was logged (its outcome is often known later). */
export const mitigationChangesSchema = mitigationActionSchema
  .pick({ action: true, expected: true, observed: true, outcome: true })
  .partial()

export const hypothesisResultSchema = z.enum(['untested', 'confirmed', 'ruled-out'])
export type HypothesisResult = z.infer<typeof hypothesisResultSchema>

export const hypothesisSchema = z.object({
  id: z.string().min(1).max(64),
  statement: text(LIMITS.shortNote),
  howToTest: text(),
  result: hypothesisResultSchema,
  evidence: text(),
})
export type Hypothesis = z.infer<typeof hypothesisSchema>

export const hypothesisChangesSchema = hypothesisSchema
  .pick({ statement: true, howToTest: true, evidence: true })
  .partial()

/** How the monitoring window after the fix ended. */
export const monitoringResultSchema = z.enum(['held', 'regressed'])
export type MonitoringResult = z.infer<typeof monitoringResultSchema>

/** A free note from the timeline; its id is the id of the event that added it. */
export const noteSchema = z.object({ id: z.string().max(64), text: text() })
export type Note = z.infer<typeof noteSchema>

export const reminderMarkSchema = z.object({
  snoozedUntil: time.nullable(),
  dismissed: z.boolean(),
  /** When it last fired: a snoozed reminder fires again once its new time passes this. */
  firedAt: time.nullable().optional(),
})
export type ReminderMark = z.infer<typeof reminderMarkSchema>

/** Draft → In review → Final; a final one edited again goes back to draft for its next revision. */
export const postmortemStatusSchema = z.enum(['none', 'draft', 'review', 'final'])
export type PostmortemStatus = z.infer<typeof postmortemStatusSchema>

/** Limits the inputs read, so a field never takes more than the database accepts. */

/** The editable facts of an incident: what autosave writes, field by field. */
export const incidentDetailsSchema = z.object({
  title: text(LIMITS.title),
  symptoms: text(),
  errorMessages: text(),
  statusCodes: z.array(text(LIMITS.statusCode)).max(100),
  endpoints: z.array(text(LIMITS.endpoint)).max(200),
  detectionSource: detectionSourceSchema,
  detectionNote: text(LIMITS.shortNote),
  scope: scopeSchema.nullable(),
  scopeNote: text(LIMITS.shortNote),
  recentChanges: recentChangesSchema,
  strategy: strategySchema.nullable(),
  strategyNote: text(LIMITS.shortNote),
  services: z.array(text(LIMITS.service)).max(100),
  /** Free tags (absent in older records). */
  tags: z.array(text(LIMITS.tag)).max(50).optional(),
  /** Incident, near miss or drill; near misses and drills stay out of metrics (absent = incident). */
  kind: incidentKindSchema.optional(),
  /** Incidents linked as possibly the same one (ids; absent in older records). */
  related: z.array(z.string().min(1).max(64)).max(50).optional(),
  rootCause: rootCauseSchema,
  fixChecklist: fixChecklistSchema,
})
export type IncidentDetails = z.infer<typeof incidentDetailsSchema>

/** An incident as stored: a projection of its events (see events.ts), kept for fast reads. */
export const incidentSchema = incidentDetailsSchema.extend({
  id: z.string().min(1).max(64),
  phase: phaseSchema,
  phaseEnteredAt: time,
  status: statusSchema,
  severity: severitySchema.nullable(),
  openedAt: time,
  startedAt: time,
  detectedAt: time,
  updatedAt: time,
  mitigatedAt: time.nullable(),
  fixDeployedAt: time.nullable(),
  resolvedAt: time.nullable(),
  closedAt: time.nullable(),
  closeReason: text(LIMITS.shortNote),
  /**
   * The free notes from the timeline, kept here too so search can find them. Files exported before
   * notes could be edited hold plain strings (with no id to edit them by).
   */
  notes: z
    .array(z.union([noteSchema, text().transform((t): Note => ({ id: '', text: t }))]))
    .max(10_000),
  /** When the fix's monitoring window ended, and how (null before, or after a reopen). */
  monitoringResult: monitoringResultSchema.nullable().default(null),
  /** When the incident went to the trash (null unless deleted). */
  deletedAt: time.nullable().default(null),
  /** The status to go back to when the incident is restored from the trash. */
  statusBeforeDelete: statusSchema.nullable().default(null),
  mitigations: z.array(mitigationActionSchema).max(1000),
  hypotheses: z.array(hypothesisSchema).max(1000),
  /** Contributing factors by category (absent in older records). */
  factors: z.array(factorSchema).max(100).optional(),
  postmortemStatus: postmortemStatusSchema,
  postmortemFinalAt: time.nullable(),
  /** Who owns the post-mortem, and who facilitates its review (absent in older records). */
  postmortemOwner: text(LIMITS.owner).optional(),
  postmortemFacilitator: text(LIMITS.owner).optional(),
  /** How many times it was made final: the revision the next final will be is this plus one. */
  postmortemRevision: z.number().int().nonnegative().optional(),
  /** The post-mortem break: "remind me in N hours" sets when to come back. */
  breakUntil: time.nullable(),
  reminders: z.record(z.string().max(200), reminderMarkSchema),
  /**
   * The recording number of the last event folded in, so appending needs no timeline read.
   * Absent in records written before it existed; the repository then reads the timeline once.
   */
  lastSeq: z.number().int().nonnegative().optional(),
})
export type Incident = z.infer<typeof incidentSchema>

/** An incident's name: its title, or else the first line of what is happening. */
export function incidentTitle(incident: Pick<Incident, 'title' | 'symptoms'>): string {
  // The symptoms are looked at only when there is no title (a review report asks 100,000 times).
  const title = incident.title.trim()
  if (title) return title
  const firstLine = incident.symptoms.split('\n', 1)[0]?.trim() ?? ''
  return firstLine.slice(0, 120) || 'Untitled incident'
}

export const ACTION_ITEM_TYPES = [
  'mitigate',
  'prevent',
  'detect',
  'test',
  'process',
  'review-similar',
  'other',
] as const
export const actionItemTypeSchema = z.enum(ACTION_ITEM_TYPES)
export type ActionItemType = z.infer<typeof actionItemTypeSchema>

export const actionItemStatusSchema = z.enum(['open', 'done', 'verified'])
export const ACTION_ITEM_PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const
export const actionItemPrioritySchema = z.enum(ACTION_ITEM_PRIORITIES)
export type ActionItemPriority = z.infer<typeof actionItemPrioritySchema>
export type ActionItemStatus = z.infer<typeof actionItemStatusSchema>

export const actionItemSchema = z.object({
  id: z.string().min(1).max(64),
  incidentId: z.string().min(1).max(64),
  title: text(LIMITS.itemTitle),
  type: actionItemTypeSchema,
  owner: text(LIMITS.owner),
  dueAt: time.nullable(),
  measure: text(LIMITS.shortNote),
  /** P0 (now) to P3 (when there is time); absent in older records. */
  priority: actionItemPrioritySchema.nullable().optional(),
  /** A ticket or doc for it, opened through the link allowlist; absent in older records. */
  link: z.string().max(2000).optional(),
  status: actionItemStatusSchema,
  createdAt: time,
  updatedAt: time,
  doneAt: time.nullable(),
  verifiedAt: time.nullable(),
})
export type ActionItem = z.infer<typeof actionItemSchema>

export const REMINDER_RULES = [
  'captureTimebox',
  'triageTimebox',
  'mitigationCheckIn',
  'fixMonitoring',
  'postmortem',
  'actionItemDue',
  'actionItemVerify',
] as const
export type ReminderRule = (typeof REMINDER_RULES)[number]

const positive = z.number().positive().max(100_000)

export const settingsSchema = z.object({
  /** Who uses Steady on this computer: recorded with what they sign (a final post-mortem). */
  you: z.object({ name: text(LIMITS.owner) }).default({ name: '' }),
  /** Which incidents need a post-mortem, and when its review is due, by severity. */
  postmortemPolicy: z
    .object({
      SEV1: severityPolicySchema,
      SEV2: severityPolicySchema,
      SEV3: severityPolicySchema,
      SEV4: severityPolicySchema,
    })
    .default(DEFAULT_POSTMORTEM_POLICY),
  /** The services incidents affect, each with its links (runbook, dashboard, …). */
  services: z.array(serviceSchema).max(200).default([]),
  /** The team's own post-mortem templates: Markdown with placeholders. */
  templates: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        name: text(LIMITS.templateName),
        markdown: z.string().max(LIMITS.template),
      }),
    )
    .max(20)
    .default([]),
  /** The categories contributing factors are filed under; the user's own list. */
  factorCategories: z
    .array(
      text(LIMITS.factorCategory).refine((c) => c.trim().length > 0, 'A category needs a name.'),
    )
    .min(1)
    .max(40)
    .default(DEFAULT_FACTOR_CATEGORIES),
  severityDefinitions: z.object({
    SEV1: text(LIMITS.severityDefinition),
    SEV2: text(LIMITS.severityDefinition),
    SEV3: text(LIMITS.severityDefinition),
    SEV4: text(LIMITS.severityDefinition),
  }),
  timeboxes: z.object({ captureMinutes: positive, triageMinutes: positive }),
  reminders: z.object({
    enabled: z.record(z.enum(REMINDER_RULES), z.boolean()),
    mitigationCheckInMinutes: positive,
    fixMonitoringHours: positive,
    postmortemNudgeHours: positive,
    postmortemDeadlineHours: positive,
    actionItemDueDays: positive,
    actionItemOverdueHours: positive,
    verifyAfterDays: positive,
    /**
     * Mitigation check-ins of incidents at these severities repeat every few minutes until
     * answered (snoozed, dismissed, or users verified back).
     */
    repeatUntilAnswered: z.array(severitySchema).max(4).default(['SEV1']),
    /** Reminders that fall in quiet hours wait until they end ("HH:mm", local time). */
    quietHours: z
      .object({
        enabled: z.boolean(),
        start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
        end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
      })
      .default({ enabled: false, start: '22:00', end: '07:00' }),
  }),
})
export type Settings = z.infer<typeof settingsSchema>
