/**
 * Where in a ruleset a JSON path points, as policy staff name it: `$.indicators[1].items[0]
 * .clauses[2].points` is "E2.1.3 一般质量事故 · 分值". The nearest named object on the path (by
 * its `id`, `grade` or `label`; the document's own name is left out) names the place, and the
 * keys after it name the field: in the reader's words where there are some, else as written.
 */
import { parsePathKey } from './jsonLocate.js';
import { getIn } from './paths.js';

/** The words for a field key (`points` → 分值), or `undefined` to write the key itself. */
export type FieldName = (key: string) => string | undefined;

export function placeOf(document: unknown, pathKey: string, fieldName: FieldName): string {
  const path = parsePathKey(pathKey);
  let named = -1; // how many keys of the path lead to the named object
  let name = '';
  for (let i = 1; i <= path.length; i++) {
    const node = getIn(document, path.slice(0, i)) as { id?: unknown; grade?: unknown; label?: unknown } | undefined;
    if (node === null || typeof node !== 'object') continue;
    const words = [node.id ?? node.grade, node.label].filter((w) => typeof w === 'string');
    if (!words.length) continue;
    named = i;
    name = words.join(' ');
  }
  const fields = path.slice(Math.max(named, 0)).filter((key) => typeof key === 'string').map((key) => fieldName(key) ?? key);
  const words = named < 0 ? fields : [name, ...fields];
  return words.join(' · ') || pathKey;
}
