/**
 * Where in a sample case a JSON path points, as the case form names the field: `$.record.events[2]
 * .date` is "事件 3 · 发文日期", `$.record.projects[0].completionDate` "工程项目 1 · 竣工验收日".
 * Paths of the record alone (`$.events[2].date`, as the engine reports a record's problems) are
 * named the same. An attribute of an event is named by its event type's label; a key the form
 * does not show is written as it is.
 */
import type { EventType, SampleCase } from '../../engine/index.js';
import { parsePathKey } from './jsonLocate.js';

/** The form's words for a key of the case form (`caseForm.<key>`), or `undefined`. */
export type CaseWords = (key: string, values?: Record<string, unknown>) => string;

const CASE_KEYS: Record<string, string> = { name: 'name', asOf: 'asOf', note: 'note', record: 'entity', expected: 'expected' };
const EXPECTED_KEYS: Record<string, string> = { score: 'expectedScore', grade: 'expectedGrade' };
const RECORD_KEYS: Record<string, string> = { id: 'recordId', name: 'recordName', title: 'title_', experienceProjects: 'experience', licence: 'licence', publishedRating: 'published', projects: 'projects', events: 'events' };
const LICENCE_KEYS: Record<string, string> = { landscapingScope: 'scope', validUntil: 'validUntil' };
const PUBLISHED_KEYS: Record<string, string> = { grade: 'publishedGrade', score: 'publishedScore', date: 'publishedDate' };
const PROJECT_KEYS: Record<string, string> = { id: 'projectId', name: 'projectName', permitDate: 'permitDate', completionDate: 'completionDate', contractAmount: 'contractAmount', landscaping: 'landscaping' };
const EVENT_KEYS: Record<string, string> = { id: 'eventId', type: 'eventType', date: 'eventDate', region: 'region', project: 'projects' };

/**
 * Names the field at `pathKey` of a sample case (`$.record.…`, `$.asOf`) or, with `recordOnly`,
 * of its record alone (`$.events[0].date`).
 */
export function casePlaceOf(sampleCase: SampleCase | undefined, pathKey: string, words: CaseWords, eventTypes: Readonly<Record<string, EventType>> = {}, recordOnly = false): string {
  const path = parsePathKey(pathKey);
  if (!path.length) return pathKey;
  const out: string[] = [];
  const word = (table: Record<string, string>, key: string | number): string => (typeof key === 'string' && table[key] ? words(table[key]!) : String(key));
  let rest = path;
  if (!recordOnly) {
    const [first, ...after] = path;
    if (first !== 'record') {
      out.push(word(CASE_KEYS, first!));
      if (first === 'expected' && after.length) out.push(word(EXPECTED_KEYS, after[0]!));
      else if (after.length) out.push(...after.map(String));
      return out.join(' · ');
    }
    if (!after.length) return words('entity');
    rest = after;
  }
  const [key, index, field, ...deeper] = rest;
  const record = sampleCase?.record;
  if (key === 'events' && typeof index === 'number') {
    out.push(words('eventField', { n: index + 1 }));
    if (field !== undefined) {
      const type = record?.events?.[index]?.type;
      const attribute = field === 'attributes' ? deeper.shift() : field;
      const label = typeof attribute === 'string' && !EVENT_KEYS[attribute] && type ? eventTypes[type]?.attributes?.[attribute]?.label : undefined;
      out.push(label ?? word(EVENT_KEYS, attribute ?? field));
    }
  } else if (key === 'projects' && typeof index === 'number') {
    out.push(`${words('projects')} ${index + 1}`);
    if (field !== undefined) out.push(word(PROJECT_KEYS, field));
  } else if (key === 'licence') {
    out.push(words('licence'));
    if (index !== undefined) out.push(word(LICENCE_KEYS, index));
  } else if (key === 'publishedRating') {
    out.push(words('published'));
    if (index !== undefined) out.push(word(PUBLISHED_KEYS, index));
  } else {
    out.push(word(RECORD_KEYS, key!));
    if (index !== undefined) out.push(String(index));
  }
  out.push(...deeper.map(String));
  return out.join(' · ');
}
