import type { DomainEntityRef, Schedule, ScheduleGroup } from '@genesys-chat/protocol/open-messaging.js';
import { scheduleGroupPath, schedulePath } from '@genesys-chat/protocol/open-messaging.js';

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/;
const STATES = ['active', 'inactive', 'deleted'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function refs(value: unknown, field: string, problems: string[]): DomainEntityRef[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((r) => isRecord(r) && typeof r.id === 'string' && r.id.length > 0)) {
    problems.push(`${field} must be an array of {id}`);
    return [];
  }
  return value.map((r: Record<string, unknown>) => (typeof r.name === 'string' ? { id: r.id as string, name: r.name } : { id: r.id as string }));
}

/** Validates a schedule group for the control API (`id` comes from the path). */
export function parseScheduleGroup(id: string, body: unknown): { group: ScheduleGroup } | { problems: string[] } {
  if (!isRecord(body)) return { problems: ['body must be a JSON object'] };
  const problems: string[] = [];
  if (typeof body.name !== 'string' || body.name.length === 0) problems.push('name is required');
  if (typeof body.timeZone !== 'string' || !isTimeZone(body.timeZone)) problems.push('timeZone must be an IANA time zone, e.g. Europe/Berlin');
  const state = body.state ?? 'active';
  if (typeof state !== 'string' || !STATES.includes(state)) problems.push(`state must be one of ${STATES.join(', ')}`);
  const group: ScheduleGroup = {
    id,
    name: String(body.name),
    timeZone: String(body.timeZone),
    openSchedules: refs(body.openSchedules, 'openSchedules', problems),
    closedSchedules: refs(body.closedSchedules, 'closedSchedules', problems),
    holidaySchedules: refs(body.holidaySchedules, 'holidaySchedules', problems),
    state: state as ScheduleGroup['state'],
  };
  return problems.length > 0 ? { problems } : { group };
}

/** Validates a schedule for the control API: LocalDateTime start/end (no zone) and an optional iCal RRULE. */
export function parseSchedule(id: string, body: unknown): { schedule: Schedule } | { problems: string[] } {
  if (!isRecord(body)) return { problems: ['body must be a JSON object'] };
  const problems: string[] = [];
  if (typeof body.name !== 'string' || body.name.length === 0) problems.push('name is required');
  for (const key of ['start', 'end'] as const) {
    if (typeof body[key] !== 'string' || !LOCAL_DATE_TIME.test(body[key] as string)) problems.push(`${key} must be a local date-time "yyyy-MM-ddTHH:mm:ss.SSS" (no zone)`);
  }
  if (problems.length === 0 && String(body.end) <= String(body.start)) problems.push('end must be after start');
  if (body.rrule !== undefined && (typeof body.rrule !== 'string' || !/^(?:[A-Z]+=[^;=]+;)*[A-Z]+=[^;=]+$/.test(body.rrule) || !body.rrule.includes('FREQ='))) {
    problems.push('rrule must be an iCal RRULE such as FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR');
  }
  const state = body.state ?? 'active';
  if (typeof state !== 'string' || !STATES.includes(state)) problems.push(`state must be one of ${STATES.join(', ')}`);
  if (problems.length > 0) return { problems };
  const schedule: Schedule = { id, name: String(body.name), start: String(body.start), end: String(body.end), state: state as Schedule['state'] };
  if (typeof body.rrule === 'string') schedule.rrule = body.rrule;
  return { schedule };
}

/** Platform view of a schedule group: `selfUri` on it and on each schedule reference. */
export function scheduleGroupView(group: ScheduleGroup): ScheduleGroup & { selfUri: string } {
  const withUri = (r: DomainEntityRef): DomainEntityRef => ({ ...r, selfUri: schedulePath(r.id) });
  return {
    ...group,
    openSchedules: group.openSchedules.map(withUri),
    closedSchedules: group.closedSchedules.map(withUri),
    holidaySchedules: group.holidaySchedules.map(withUri),
    selfUri: scheduleGroupPath(group.id),
  };
}

export function scheduleView(schedule: Schedule): Schedule & { selfUri: string } {
  return { ...schedule, selfUri: schedulePath(schedule.id) };
}
