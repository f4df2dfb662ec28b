/**
 * The values a ruleset's conditions compare an event attribute with, to offer as choices
 * where the attribute is free text: for `region`, 台州 and the mutual-recognition regions
 * (INT-12), so a case gets 台州 and not 台州市, which no condition accepts.
 */
import type { Ruleset } from '../../engine/index.js';

/** A dotted path of own properties, as the engine reads one. */
function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Every string an `equal` or `in` condition on `event.<attribute>` tests, a parameter's value resolved, in order of appearance. */
export function comparedValues(ruleset: Ruleset, attribute: string): string[] {
  const parameters = Object.fromEntries(Object.entries(ruleset.parameters ?? {}).map(([name, p]) => [name, p.value]));
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const condition = node as { fact?: unknown; path?: unknown; operator?: unknown; value?: unknown };
    if (condition.fact === 'event' && condition.path === attribute && (condition.operator === 'equal' || condition.operator === 'in')) {
      const { value } = condition;
      const reference = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as { fact?: unknown; path?: unknown }) : undefined;
      const tested = reference ? (reference.fact === 'parameters' && typeof reference.path === 'string' ? at(parameters, reference.path) : undefined) : value;
      for (const v of [tested].flat()) if (typeof v === 'string' && v !== '') found.add(v);
    }
    for (const child of Object.values(node)) walk(child);
  };
  walk(ruleset);
  return [...found];
}
