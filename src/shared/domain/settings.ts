import { DEFAULT_FACTOR_CATEGORIES, DEFAULT_POSTMORTEM_POLICY, type Settings } from './model'
import { DEFAULT_SEVERITY_DEFINITIONS } from './severity'

export const DEFAULT_SETTINGS: Settings = {
  you: { name: '' },
  factorCategories: DEFAULT_FACTOR_CATEGORIES,
  postmortemPolicy: DEFAULT_POSTMORTEM_POLICY,
  templates: [],
  services: [],
  severityDefinitions: DEFAULT_SEVERITY_DEFINITIONS,
  timeboxes: { captureMinutes: 5, triageMinutes: 10 },
  reminders: {
    enabled: {
      captureTimebox: true,
      triageTimebox: true,
      mitigationCheckIn: true,
      fixMonitoring: true,
      postmortem: true,
      actionItemDue: true,
      actionItemVerify: true,
    },
    mitigationCheckInMinutes: 15,
    fixMonitoringHours: 24,
    postmortemNudgeHours: 24,
    postmortemDeadlineHours: 48,
    actionItemDueDays: 14,
    actionItemOverdueHours: 24,
    verifyAfterDays: 3,
    repeatUntilAnswered: ['SEV1'],
    quietHours: { enabled: false, start: '22:00', end: '07:00' },
  },
}
