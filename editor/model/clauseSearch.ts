/**
 * Finding a clause by its id (E2.1.3, e213) or by Chinese words of its label or the text it
 * cites (质量事故, 通报 批评): items, clauses, their levels and parameters, best match first.
 */
import type { Ruleset } from '../../engine/index.js';

/** A place of the form a search found. */
export interface SearchHit {
  kind: 'item' | 'clause' | 'parameter';
  /** The clause or item id; for a parameter its name. */
  id: string;
  /** The clause id shown (a parameter's citation). */
  shown: string;
  label: string;
  text: string;
}

const compact = (s: string): string => s.toLowerCase().replace(/[\s.\-_·]/g, '');

/** How well a place fits the query: 0 not at all; higher is better. */
function fit(hit: SearchHit, query: string, words: string[]): number {
  const id = compact(hit.shown);
  const q = compact(query);
  if (q && id === q) return 100;
  if (q && /^[a-z]/i.test(q) && id.startsWith(q)) return 80 - id.length;
  const label = hit.label.toLowerCase();
  const all = `${label} ${hit.text.toLowerCase()} ${hit.shown.toLowerCase()}`;
  if (!words.length || !words.every((w) => all.includes(w))) return 0;
  return words.every((w) => label.includes(w)) ? 40 : 20;
}

/** Every searchable place of a ruleset, in form order. */
export function searchPlaces(ruleset: Ruleset): SearchHit[] {
  const places: SearchHit[] = [];
  for (const indicator of ruleset.indicators ?? []) {
    for (const item of indicator.items ?? []) {
      places.push({ kind: 'item', id: item.id, shown: item.id, label: item.label ?? '', text: item.citation?.text ?? '' });
      for (const clause of item.clauses ?? []) {
        const levels = (clause.levels ?? []).map((l) => l.label).join(' ');
        places.push({ kind: 'clause', id: clause.id, shown: clause.id, label: clause.label ?? '', text: `${clause.citation?.text ?? ''} ${levels}` });
      }
    }
  }
  for (const [name, parameter] of Object.entries(ruleset.parameters ?? {})) {
    places.push({ kind: 'parameter', id: name, shown: parameter.citation?.clause ?? name, label: parameter.label ?? name, text: parameter.citation?.text ?? '' });
  }
  return places;
}

/** The places that fit `query`, best first (form order among equals), at most `limit`. */
export function searchClauses(ruleset: Ruleset, query: string, limit = 12): SearchHit[] {
  const words = query.toLowerCase().split(/[\s,,、]+/).filter(Boolean);
  if (!words.length) return [];
  return searchPlaces(ruleset)
    .map((hit, order) => ({ hit, order, score: fit(hit, query, words) }))
    .filter((h) => h.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((h) => h.hit);
}
