/**
 * Seeded random enterprise records for property tests and the benchmark: every event type
 * and attribute value of the enterprise vocabulary, dates around the evaluation date so
 * windows fall on both sides, shared projects, behaviours and relief efforts.
 */
import { addMonths } from '../../engine/dates.js';
import type { EntityEvent, EntityRecord, EventType } from '../../engine/types.js';
import { prng } from '../../editor/model/prng.js';

export { prng };

export interface GenerateOptions {
  asOf: string;
  maxEvents?: number;
  /** Exactly this many events per record, instead of 0 to `maxEvents`. */
  events?: number;
}

/** Makes `count` records from `seed`, using the ruleset's event types for attributes. */
export function generateRecords(seed: number, count: number, eventTypes: Record<string, EventType>, options: GenerateOptions): EntityRecord[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const types = Object.keys(eventTypes);
  const maxEvents = options.maxEvents ?? 12;
  const dateWithin = (monthsBack: number): string => {
    const d = addMonths(options.asOf, -Math.floor(random() * monthsBack));
    const day = 1 + Math.floor(random() * 28);
    return `${d.slice(0, 8)}${String(day).padStart(2, '0')}`;
  };
  const records: EntityRecord[] = [];
  for (let r = 0; r < count; r++) {
    const projects = Array.from({ length: Math.floor(random() * 4) }, (_, p) => {
      const permitDate = dateWithin(72);
      return {
        id: `P${p + 1}`,
        permitDate,
        ...(random() < 0.7 ? { completionDate: addMonths(permitDate, 1 + Math.floor(random() * 30)) } : {}),
        contractAmount: pick([500_000, 1_000_000, 3_200_000]),
        ...(random() < 0.15 ? { landscaping: false } : {}),
      };
    });
    const events: EntityEvent[] = [];
    const n = options.events ?? Math.floor(random() * (maxEvents + 1));
    for (let e = 0; e < n; e++) {
      const type = pick(types);
      const event: EntityEvent = { id: `ev${e + 1}`, type, date: dateWithin(70) };
      for (const [name, spec] of Object.entries(eventTypes[type]!.attributes)) {
        if (!spec.required && random() < 0.5) continue;
        if (spec.type === 'enum') event[name] = pick(spec.values!);
        else if (spec.type === 'boolean') event[name] = random() < 0.5;
        else if (spec.type === 'number') event[name] = 1 + Math.floor(random() * 6);
        else if (spec.type === 'date') event[name] = dateWithin(12).replace(/^(\d{4})/, (y) => String(Number(y) + 1));
        else if (spec.type === 'project') {
          if (projects.length) event[name] = pick(projects).id;
        } else event[name] = pick(['a', 'b', 'c']);
      }
      if (random() < 0.05) event.region = pick(['台州', '宁波']);
      events.push(event);
    }
    const record: EntityRecord = {
      id: `R${seed}-${r}`,
      kind: 'enterprise',
      licence: { landscapingScope: random() < 0.9, ...(random() < 0.5 ? { validUntil: dateWithin(24).replace(/^(\d{4})/, (y) => String(Number(y) + 1)) } : {}) },
      projects,
      events,
    };
    if (random() < 0.3) record.publishedRating = { grade: pick(['AAA', 'AA+', 'AA', 'A', 'B']), score: 80, date: dateWithin(14) };
    records.push(record);
  }
  return records;
}
