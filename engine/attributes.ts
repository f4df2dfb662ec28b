/**
 * An event's attributes as a ruleset knows them: those every event has (records.md) and
 * those its event types declare, with their kinds and labels. The loader's checks, the
 * mechanisms that read an attribute and the policy diff all ask here.
 */
import { jsonPath, problemAt, type Problem } from './errors.js';
import { closest } from './suggest.js';
import type { AttributeSpec, EntityEvent, Ruleset } from './types.js';

type Kind = AttributeSpec['type'];

/** What every event has, whatever its type (records.md), and its kind. */
const EVENT_FIELDS: Readonly<Record<string, Kind>> = { type: 'string', date: 'date', id: 'string', region: 'string', project: 'project' };

/** Every attribute an event may have under the ruleset, with the kinds its event types give it. */
export function attributeKinds(ruleset: Ruleset): Map<string, Set<Kind>> {
  const kinds = new Map<string, Set<Kind>>(Object.entries(EVENT_FIELDS).map(([name, kind]) => [name, new Set([kind])]));
  for (const type of Object.values(ruleset.eventTypes)) {
    for (const [name, spec] of Object.entries(type.attributes)) kinds.set(name, new Set([...(kinds.get(name) ?? []), spec.type]));
  }
  return kinds;
}

/** The problem of an attribute no event has, with the name it probably means among `known`. */
export function unknownAttribute(name: string, path: (string | number)[], known: Iterable<string>): Problem {
  return problemAt(jsonPath(path), 'attribute.unknown', { name, guess: closest(name, known) });
}

/** What staff call an attribute (its label in the ruleset's event types); else its name. */
export function attributeLabel(ruleset: Ruleset, name: string): string {
  for (const type of Object.values(ruleset.eventTypes)) {
    const spec = Object.hasOwn(type.attributes, name) ? type.attributes[name] : undefined;
    if (spec) return spec.label;
  }
  return name;
}

/** An event's own attribute, as json-rules-engine reads it: nothing inherited. */
export function ownAttribute(event: EntityEvent, name: string): unknown {
  return Object.hasOwn(event, name) ? event[name] : undefined;
}
