/**
 * A registry file read into entity records: a JSON array of records (or one record), NDJSON (one record a line)
 * or CSV (one row per entity, project or event; the README's "The registry" describes the
 * columns). What cannot be read is said by line and column, never thrown.
 */
import type { EntityEvent, EntityRecord, EventType, Project } from '../../engine/index.js';

/** Something the file does not say right: the line (1-based), what, and for the locale, a key and its values. */
export interface RegistryFileProblem {
  line: number;
  key: 'notJson' | 'notRecord' | 'noEntity' | 'badRow' | 'noRows';
  params: Record<string, string | number>;
}

export interface RegistryFile {
  records: EntityRecord[];
  problems: RegistryFileProblem[];
}

const MAX_PROBLEMS = 20;

/** Reads a registry's text; `name` picks the format by its extension (.csv, .ndjson/.jsonl, else a JSON array, one record or NDJSON by content). */
export function readRegistryFile(name: string, text: string, eventTypes: Record<string, EventType> = {}): RegistryFile {
  const body = text.replace(/^\uFEFF/, '');
  if (/\.csv$/i.test(name)) return readCsv(body, eventTypes);
  if (/\.(ndjson|jsonl)$/i.test(name)) return readNdjson(body);
  if (body.trimStart().startsWith('[')) return readJsonArray(body);
  // One record, as the CLI also takes it, else one record a line.
  try {
    const value: unknown = JSON.parse(body);
    if (isRecord(value)) return { records: [value], problems: [] };
  } catch {
    // Not one JSON value: NDJSON.
  }
  return readNdjson(body);
}

const isRecord = (value: unknown): value is EntityRecord => value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { id?: unknown }).id === 'string';

function readJsonArray(text: string): RegistryFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { records: [], problems: [{ line: 1, key: 'notJson', params: { message: (error as Error).message } }] };
  }
  const problems: RegistryFileProblem[] = [];
  const records: EntityRecord[] = [];
  // The text begins with '[': what parses is an array.
  (value as unknown[]).forEach((item, index) => {
    if (isRecord(item)) records.push(item);
    else if (problems.length < MAX_PROBLEMS) problems.push({ line: 1, key: 'notRecord', params: { index } });
  });
  return { records, problems };
}

function readNdjson(text: string): RegistryFile {
  const records: EntityRecord[] = [];
  const problems: RegistryFileProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    try {
      const value: unknown = JSON.parse(line);
      if (isRecord(value)) records.push(value);
      else if (problems.length < MAX_PROBLEMS) problems.push({ line: i + 1, key: 'notRecord', params: { index: records.length } });
    } catch (error) {
      if (problems.length < MAX_PROBLEMS) problems.push({ line: i + 1, key: 'notJson', params: { message: (error as Error).message } });
    }
  });
  return { records, problems };
}

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks; each row with the line it starts on. */
export function csvRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((x) => x !== '')) rows.push({ line: start, cells });
      cells = [];
      cell = '';
      start = ++line;
    } else cell += c;
  }
  cells.push(cell);
  if (cells.some((x) => x !== '')) rows.push({ line: start, cells });
  return rows;
}

const ENTITY_COLUMNS = new Set(['row', 'entity', 'name', 'kind', 'landscapingScope', 'licenceValidUntil', 'publishedGrade', 'publishedScore', 'publishedDate']);
const PROJECT_COLUMNS = new Set(['project', 'projectName', 'permitDate', 'completionDate', 'contractAmount', 'landscaping']);
const EVENT_COLUMNS = new Set(['event', 'type', 'date', 'region']);
const TRUE = new Set(['true', '1', 'yes', '是', 'y']);
const FALSE = new Set(['false', '0', 'no', '否', 'n']);

/** A cell as the value its attribute declares: a number, a yes/no, else the text. */
function typed(cell: string, kind: string | undefined): unknown {
  if (kind === 'number' && cell.trim() !== '' && Number.isFinite(Number(cell))) return Number(cell);
  if (kind === 'boolean' && TRUE.has(cell.trim().toLowerCase())) return true;
  if (kind === 'boolean' && FALSE.has(cell.trim().toLowerCase())) return false;
  return cell;
}

function readCsv(text: string, eventTypes: Record<string, EventType>): RegistryFile {
  const [header, ...rows] = csvRows(text);
  const problems: RegistryFileProblem[] = [];
  if (!header) return { records: [], problems: [{ line: 1, key: 'noRows', params: {} }] };
  const columns = header.cells.map((c) => c.trim());
  const byId = new Map<string, EntityRecord>();
  const entity = (id: string): EntityRecord => {
    let record = byId.get(id);
    if (!record) byId.set(id, (record = { id, kind: 'enterprise', projects: [], events: [] }));
    return record;
  };
  const bad = (line: number, key: RegistryFileProblem['key'], params: RegistryFileProblem['params']): void => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, key, params });
  };
  for (const { line, cells } of rows) {
    const cell = (name: string): string => (cells[columns.indexOf(name)] ?? '').trim();
    const id = cell('entity');
    if (!id) {
      bad(line, 'noEntity', {});
      continue;
    }
    const record = entity(id);
    const kind = cell('row') || (cell('type') ? 'event' : cell('project') ? 'project' : 'entity');
    if (kind === 'entity') {
      if (cell('name')) record.name = cell('name');
      if (cell('kind')) record.kind = cell('kind') as EntityRecord['kind'];
      if (cell('landscapingScope') || cell('licenceValidUntil')) {
        record.licence = { landscapingScope: typed(cell('landscapingScope'), 'boolean') as boolean, ...(cell('licenceValidUntil') ? { validUntil: cell('licenceValidUntil') } : {}) };
      }
      if (cell('publishedGrade')) {
        record.publishedRating = { grade: cell('publishedGrade'), date: cell('publishedDate'), ...(cell('publishedScore') ? { score: Number(cell('publishedScore')) } : {}) };
      }
    } else if (kind === 'project') {
      const project: Project = { id: cell('project'), permitDate: cell('permitDate') };
      if (cell('projectName')) project.name = cell('projectName');
      if (cell('completionDate')) project.completionDate = cell('completionDate');
      if (cell('contractAmount')) project.contractAmount = Number(cell('contractAmount'));
      if (cell('landscaping')) project.landscaping = typed(cell('landscaping'), 'boolean') as boolean;
      record.projects!.push(project);
    } else if (kind === 'event') {
      const type = cell('type');
      const event: Record<string, unknown> = { type, date: cell('date') };
      if (cell('event')) event.id = cell('event');
      if (cell('project')) event.project = cell('project');
      if (cell('region')) event.region = cell('region');
      const attributes = eventTypes[type]?.attributes ?? {};
      columns.forEach((column, i) => {
        if (ENTITY_COLUMNS.has(column) || PROJECT_COLUMNS.has(column) || EVENT_COLUMNS.has(column) || column === '' || (cells[i] ?? '').trim() === '') return;
        event[column] = typed(cells[i]!.trim(), attributes[column]?.type);
      });
      record.events!.push(event as unknown as EntityEvent);
    } else bad(line, 'badRow', { row: kind });
  }
  return { records: [...byId.values()], problems };
}
